// Renders the main window against the emulator's example scenario and saves
// the images docs/gui.md shows, in the light and the dark palette: the
// panel mid-stream, the analysis view, the timeline and the ensemble
// editor. Run it under a real display server (for example xvfb-run).
//
//   consilium-screenshots SCENARIO.json OUTPUT_FOLDER

#include "AnalysisView.h"
#include "AppTheme.h"
#include "EnsembleEditorDialog.h"
#include "MainWindow.h"
#include "ModelListModel.h"
#include "ModelPickerWidget.h"
#include "PromptBar.h"
#include "TurnView.h"

#include "EmulatorProcess.h"

#include <QApplication>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>

#include <cstdio>
#include <functional>

using namespace Consilium;
using namespace Consilium::App;

namespace {

// The moment of the mid-stream image, after Send. The example scenario's
// panel members take 1.2 to 2.7 s on the emulator.
constexpr int kStreamingShotMs = 1600;

// Runs the event loop until `done` returns true or `timeoutMs` passes. A tool
// that takes pictures can wait like this; the app never does.
bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!done() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return done();
}

void settle(int milliseconds)
{
    waitFor([] { return false; }, milliseconds);
}

bool saveShot(QWidget *widget, const QString &path)
{
    const bool saved = widget->grab().save(path);
    std::fprintf(stderr, "%s %s\n", saved ? "saved" : "failed to save", qPrintable(path));
    return saved;
}

void pickAndSend(MainWindow *window)
{
    QAbstractItemModel *viewModel = window->picker()->view()->model();
    const QStringList panel{QStringLiteral("emu/sonnet-like"), QStringLiteral("emu/gpt-like"),
                            QStringLiteral("emu/gemini-like"), QStringLiteral("emu/broken")};
    for (const QString &id : panel) {
        const QModelIndexList found = viewModel->match(viewModel->index(0, 0), ModelListModel::ModelIdRole, id);
        if (!found.isEmpty())
            viewModel->setData(found.first(), Qt::Checked, Qt::CheckStateRole);
    }
    QComboBox *writer = window->picker()->writerBox();
    writer->setCurrentIndex(writer->findText(QStringLiteral("emu/writer")));
    window->promptBar()->editor()->setPlainText(QStringLiteral("How should I sort a list of ages in C++?"));
    window->send();
}

// A sample analysis for the picture: the picked models run no analyst.
QJsonObject sampleAnalysis()
{
    const auto stance = [](const char *model, const char *text) {
        return QJsonObject{{QStringLiteral("model"), QString::fromLatin1(model)},
                           {QStringLiteral("stance"), QString::fromLatin1(text)}};
    };
    return QJsonObject{
        {QStringLiteral("consensus"), QJsonArray{QStringLiteral("std::sort on a std::vector<int> is the default choice"),
                                                 QStringLiteral("Ages are small integers, so any O(n log n) sort is fast")}},
        {QStringLiteral("contradictions"),
         QJsonArray{QJsonObject{{QStringLiteral("topic"), QStringLiteral("Whether stability matters")},
                                {QStringLiteral("stances"),
                                 QJsonArray{stance("emu/sonnet-like", "Use std::stable_sort to keep equal ages in input order"),
                                            stance("emu/gpt-like", "Plain std::sort: equal ints are indistinguishable"),
                                            stance("emu/gemini-like", "Only matters when sorting records by age")}}}}},
        {QStringLiteral("partial_coverage"),
         QJsonArray{QJsonObject{{QStringLiteral("point"), QStringLiteral("std::ranges::sort in C++20")},
                                {QStringLiteral("models"), QJsonArray{QStringLiteral("emu/gpt-like")}}}}},
        {QStringLiteral("unique_insights"),
         QJsonArray{QJsonObject{{QStringLiteral("model"), QStringLiteral("emu/gemini-like")},
                                {QStringLiteral("insight"), QStringLiteral("Counting sort is O(n) for ages 0 to 150")}}}},
        {QStringLiteral("blind_spots"), QJsonArray{QStringLiteral("Validating ages before sorting")}},
    };
}

bool shootTheme(const QString &theme, const QUrl &baseUrl, const QDir &folder)
{
    AppTheme::apply(theme);
    MainWindow window;
    window.resize(1560, 940);
    window.show();
    Endpoint endpoint;
    endpoint.baseUrl = baseUrl;
    endpoint.apiKey = QStringLiteral("screenshot");
    window.setEndpoint(endpoint);
    if (!waitFor([&] { return window.picker()->listModel()->rowCount() > 0; }, 10'000))
        return false;
    settle(100);
    pickAndSend(&window);
    settle(kStreamingShotMs);
    bool ok = saveShot(&window, folder.filePath(QStringLiteral("gui-streaming-%1.png").arg(theme)));

    if (!waitFor([&] { return !window.isTurnRunning(); }, 30'000))
        return false;
    settle(200);
    TurnView *turn = window.turnView();
    turn->analysisView()->setAnalysis(sampleAnalysis());
    turn->detailsTabs()->setCurrentIndex(0);
    const int total = turn->splitter()->height();
    turn->splitter()->setSizes({total * 30 / 100, total * 20 / 100, total * 50 / 100});
    settle(200);
    ok = saveShot(&window, folder.filePath(QStringLiteral("gui-analysis-%1.png").arg(theme))) && ok;
    turn->detailsTabs()->setCurrentIndex(1);
    settle(200);
    ok = saveShot(&window, folder.filePath(QStringLiteral("gui-timeline-%1.png").arg(theme))) && ok;

    EnsembleEditorDialog *editor = window.ensembleEditor();
    editor->openWith(QStringLiteral("Quality"));
    settle(300);
    ok = saveShot(editor, folder.filePath(QStringLiteral("gui-ensemble-%1.png").arg(theme))) && ok;
    editor->reject();
    window.close();
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    // Keep the picks, chats and window state of this run out of the user's.
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("ConsiliumScreenshots"));
    if (argc != 3) {
        std::fprintf(stderr, "usage: consilium-screenshots SCENARIO.json OUTPUT_FOLDER\n");
        return 2;
    }
    AppTheme::captureSystemPalette();
    QFile scenarioFile(QString::fromLocal8Bit(argv[1]));
    if (!scenarioFile.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", argv[1]);
        return 1;
    }
    Testing::EmulatorProcess emulator;
    if (!emulator.start(QJsonDocument::fromJson(scenarioFile.readAll()).object())) {
        std::fprintf(stderr, "%s\n", qPrintable(emulator.error()));
        return 1;
    }
    const QDir folder(QString::fromLocal8Bit(argv[2]));
    bool ok = true;
    for (const QString &theme : {QStringLiteral("light"), QStringLiteral("dark")})
        ok = shootTheme(theme, emulator.baseUrl(), folder) && ok;
    return ok ? 0 : 1;
}
