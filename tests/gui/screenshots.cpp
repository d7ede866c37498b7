// Renders the main window against the emulator's example scenario and saves
// two images: one while the panel streams, one after the turn ends. Run it
// under a real display server (for example xvfb-run) to refresh the images
// in docs/.
//
//   consilium-screenshots SCENARIO.json STREAMING.png FINISHED.png

#include "MainWindow.h"
#include "ModelListModel.h"
#include "ModelPickerWidget.h"

#include "EmulatorProcess.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>

#include <cstdio>

using namespace Consilium;
using namespace Consilium::App;

namespace {

// The moment of the first image, after Send. The example scenario's panel
// members took 1.2 to 2.7 s on the emulator, so this catches most mid-answer.
constexpr int kStreamingShotMs = 1800;
constexpr int kPollMs = 100;

bool saveShot(QWidget *window, const QString &path)
{
    const bool saved = window->grab().save(path);
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
    window->findChild<QPlainTextEdit *>(QStringLiteral("promptEditor"))
        ->setPlainText(QStringLiteral("How should I sort a list of ages in C++?"));
    window->send();
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    // Keep the picks and window state this run saves out of the user's settings.
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("ConsiliumScreenshots"));
    if (argc != 4) {
        std::fprintf(stderr, "usage: consilium-screenshots SCENARIO.json STREAMING.png FINISHED.png\n");
        return 2;
    }
    const QString streamingPath = QString::fromLocal8Bit(argv[2]);
    const QString finishedPath = QString::fromLocal8Bit(argv[3]);

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

    MainWindow window;
    window.resize(1560, 940);
    window.show();
    Endpoint endpoint;
    endpoint.baseUrl = emulator.baseUrl();
    endpoint.apiKey = QStringLiteral("screenshot");
    window.setEndpoint(endpoint);

    QTimer poll;
    poll.setInterval(kPollMs);
    // The picker fills the writer list right after the table's reset, so
    // pick on the next event loop pass.
    QObject::connect(window.picker()->listModel(), &QAbstractItemModel::modelReset, &window, [&] {
        QTimer::singleShot(0, &window, [&] { pickAndSend(&window); });
        QTimer::singleShot(kStreamingShotMs, &window, [&] {
            saveShot(&window, streamingPath);
            poll.start();
        });
    }, Qt::SingleShotConnection);
    QObject::connect(&poll, &QTimer::timeout, &window, [&] {
        if (window.isTurnRunning())
            return;
        poll.stop();
        // One more interval lets the last render timers fire.
        QTimer::singleShot(kPollMs, &window, [&] {
            const bool saved = saveShot(&window, finishedPath);
            QApplication::exit(saved ? 0 : 1);
        });
    });
    return app.exec();
}
