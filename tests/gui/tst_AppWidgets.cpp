// The window's building blocks on their own: streamed Markdown, code
// blocks, panes, layouts, the timeline, the analysis view, the palette,
// the ensemble editor, the chat sidebar and the settings dialog.

#include "AnalysisView.h"
#include "AppTheme.h"
#include "CodeBlockView.h"
#include "CodeHighlighter.h"
#include "ConversationSidebar.h"
#include "EnsembleEditorDialog.h"
#include "FileDialogs.h"
#include "MarkdownStream.h"
#include "MarkdownView.h"
#include "ModelPane.h"
#include "PaletteColors.h"
#include "PaneContainer.h"
#include "SettingsDialog.h"
#include "TimelineWidget.h"

#include "EmulatorProcess.h"

#include "store/ConversationStore.h"
#include "store/PresetStore.h"

#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QComboBox>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QToolButton>

using namespace Consilium;
using namespace Consilium::App;

namespace {

const QString kAnswer = QStringLiteral(
    "## Title\n\nFirst paragraph.\n\n- item one\n- item two\n\n  continued item\n\n"
    "```cpp\nint main() {\n    return 0;\n}\n```\n\nLast words.");

// WCAG's contrast ratio of two colours, from 1 to 21.
double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &c) {
        const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a) + 0.05;
    const double lb = luminance(b) + 0.05;
    return la > lb ? la / lb : lb / la;
}

CallRecord record(const QString &model, Stage stage, qint64 queued, qint64 sent, qint64 first, qint64 done)
{
    CallRecord call;
    call.model = model;
    call.stage = stage;
    call.outcome.status = CallStatus::Succeeded;
    call.outcome.timings = CallTimings{queued, sent, first, done};
    return call;
}

QJsonObject sampleAnalysis()
{
    const auto stance = [](const char *model, const char *text) {
        return QJsonObject{{QStringLiteral("model"), QString::fromLatin1(model)},
                           {QStringLiteral("stance"), QString::fromLatin1(text)}};
    };
    return QJsonObject{
        {QStringLiteral("consensus"), QJsonArray{QStringLiteral("Use std::sort"), QStringLiteral("Sorting is O(n log n)")}},
        {QStringLiteral("contradictions"),
         QJsonArray{QJsonObject{{QStringLiteral("topic"), QStringLiteral("Stable or not")},
                                {QStringLiteral("stances"), QJsonArray{stance("emu/alpha", "stable_sort"),
                                                                       stance("emu/beta", "sort is fine")}}}}},
        {QStringLiteral("partial_coverage"),
         QJsonArray{QJsonObject{{QStringLiteral("point"), QStringLiteral("Ranges")},
                                {QStringLiteral("models"), QJsonArray{QStringLiteral("emu/alpha")}}}}},
        {QStringLiteral("unique_insights"),
         QJsonArray{QJsonObject{{QStringLiteral("model"), QStringLiteral("emu/gamma")},
                                {QStringLiteral("insight"), QStringLiteral("Counting sort for ages")}}}},
        {QStringLiteral("blind_spots"), QJsonArray{QStringLiteral("Locale-aware comparison")}},
    };
}

QSet<QRgb> foregroundColours(const QTextDocument *document)
{
    QSet<QRgb> colours;
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat format = it.fragment().charFormat();
            if (format.hasProperty(QTextFormat::ForegroundBrush))
                colours.insert(format.foreground().color().rgb());
        }
    }
    return colours;
}

} // namespace

class AppWidgetsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void streamBlocksMatchWholeText();
    void streamKeepsListContinuation();
    void markdownViewKeepsFinishedBlocks();
    void cppBlockGetsColours();
    void copyButtonCopiesOneBlock();
    void paneRetryCountdown();
    void paneTruncatedAndReasoning();
    void paneStatsShowSpeed();
    void paneRendersAtFrameRate();
    void layoutsKeepPanes();
    void timelineBarsFollowTimings();
    void analysisTicksAndLinks();
    void darkPaletteStaysReadable();
    void ensembleEditorValidates();
    void ensembleEditorSavesAndShares();
    void ensembleEditorKeepsStrategySettings();
    void sidebarRenameDeleteUndo();
    void settingsTestConnection();
    void settingsKeychainMissing();

private:
    Testing::EmulatorProcess m_emulator;
};

void AppWidgetsTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    AppTheme::captureSystemPalette();
    const QJsonObject model{{QStringLiteral("id"), QStringLiteral("emu/alpha")},
                            {QStringLiteral("reply"), QJsonObject{{QStringLiteral("text"), QStringLiteral("hi")}}}};
    const QJsonObject other{{QStringLiteral("id"), QStringLiteral("emu/beta")},
                            {QStringLiteral("reply"), QJsonObject{{QStringLiteral("text"), QStringLiteral("yo")}}}};
    QVERIFY2(m_emulator.start(QJsonObject{{QStringLiteral("models"), QJsonArray{model, other}}}),
             qPrintable(m_emulator.error()));
}

void AppWidgetsTest::streamBlocksMatchWholeText()
{
    MarkdownStream whole;
    whole.append(kAnswer + u'\n');
    QList<MarkdownBlock> expected = whole.takeCompleted();

    MarkdownStream streamed;
    QList<MarkdownBlock> got;
    const QString text = kAnswer + u'\n';
    for (const QChar c : text) {
        streamed.append(QString(c));
        got += streamed.takeCompleted();
    }
    QCOMPARE(got.size(), expected.size());
    for (int i = 0; i < got.size(); ++i) {
        QCOMPARE(got.at(i).text, expected.at(i).text);
        QCOMPARE(got.at(i).kind, expected.at(i).kind);
    }
    QCOMPARE(got.size(), 4); // title+paragraph+list are split at flush-left lines
    QCOMPARE(got.last().kind, MarkdownBlock::Kind::Code);
    QCOMPARE(got.last().language, QStringLiteral("cpp"));
    QCOMPARE(got.last().text, QStringLiteral("int main() {\n    return 0;\n}"));
    QCOMPARE(streamed.openBlock().text, QStringLiteral("Last words."));
}

void AppWidgetsTest::streamKeepsListContinuation()
{
    MarkdownStream stream;
    stream.append(QStringLiteral("- a\n\n  more of a\n\nNext\n"));
    const QList<MarkdownBlock> blocks = stream.takeCompleted();
    QCOMPARE(blocks.size(), 1);
    QCOMPARE(blocks.first().text, QStringLiteral("- a\n\n  more of a"));
}

void AppWidgetsTest::markdownViewKeepsFinishedBlocks()
{
    MarkdownView view;
    view.resize(400, 600);
    view.appendText(QStringLiteral("First paragraph.\n\nSecond"));
    view.flush();
    QCOMPARE(view.blockCount(), 2);
    QWidget *first = view.findChildren<QWidget *>(QStringLiteral("proseBlock")).value(0);
    QVERIFY(first);

    view.appendText(QStringLiteral(" grows.\n\n```python\nx = 1\n"));
    view.flush();
    QCOMPARE(view.findChildren<QWidget *>(QStringLiteral("proseBlock")).value(0), first);
    QCOMPARE(view.codeBlocks().size(), 1);
    QCOMPARE(view.codeBlocks().first()->code(), QStringLiteral("x = 1"));
    view.appendText(QStringLiteral("y = 2\n```\n"));
    view.flush();
    QCOMPARE(view.codeBlocks().first()->code(), QStringLiteral("x = 1\ny = 2"));
    QVERIFY(!view.plainText().contains(QStringLiteral("```")));
    QVERIFY(view.plainText().contains(QStringLiteral("Second grows.")));
}

void AppWidgetsTest::cppBlockGetsColours()
{
    if (CodeHighlighter::backendName() == QStringLiteral("none"))
        QSKIP("built without a highlighting library");
    CodeBlockView block;
    block.setCode(QStringLiteral("int main() {\n    return value;\n}"), QStringLiteral("cpp"));
    const QSet<QRgb> colours = foregroundColours(block.editor()->document());
    QVERIFY2(colours.size() >= 2, qPrintable(QString::number(colours.size())));

    // The keyword "return" and the identifier "value" differ.
    const QTextBlock line = block.editor()->document()->findBlockByNumber(1);
    QColor keyword;
    QColor identifier;
    for (auto it = line.begin(); !it.atEnd(); ++it) {
        if (it.fragment().text().contains(QStringLiteral("return")))
            keyword = it.fragment().charFormat().foreground().color();
        if (it.fragment().text().contains(QStringLiteral("value")))
            identifier = it.fragment().charFormat().foreground().color();
    }
    QVERIFY(keyword.isValid());
    QVERIFY(identifier.isValid());
    QVERIFY(keyword != identifier);
}

void AppWidgetsTest::copyButtonCopiesOneBlock()
{
    MarkdownView view;
    view.setText(QStringLiteral("Intro\n\n```sh\necho one\n```\n\nMiddle\n\n```sh\necho two\n```\n"));
    QCOMPARE(view.codeBlocks().size(), 2);
    CodeBlockView *second = view.codeBlocks().at(1);
    QSignalSpy copied(second, &CodeBlockView::copied);
    QTest::mouseClick(second->copyButton(), Qt::LeftButton);
    QCOMPARE(copied.size(), 1);
    QCOMPARE(copied.first().first().toString(), QStringLiteral("echo two"));
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("echo two"));
    QVERIFY(!second->copyButton()->accessibleName().isEmpty());
}

void AppWidgetsTest::paneRetryCountdown()
{
    ModelPane pane(QStringLiteral("emu/alpha"));
    pane.reset(PaneState::Waiting);
    pane.showRetry(2, 3000, QStringLiteral("Rate limited by the provider"));
    QVERIFY2(pane.footerText().startsWith(QStringLiteral("Retrying in 3 s (attempt 2)")), qPrintable(pane.footerText()));
    QVERIFY(pane.footerText().contains(QStringLiteral("Rate limited")));
    QTRY_VERIFY_WITH_TIMEOUT(pane.footerText().startsWith(QStringLiteral("Retrying in 2 s")), 2000);
    pane.appendText(QStringLiteral("token"));
    QCOMPARE(pane.badgeText(), QStringLiteral("streaming"));
}

void AppWidgetsTest::paneTruncatedAndReasoning()
{
    ModelPane pane(QStringLiteral("emu/alpha"));
    pane.show();
    CallRecord call = record(QStringLiteral("emu/alpha"), Stage::Panel, 1000, 1010, 1200, 2200);
    call.outcome.text = QStringLiteral("Cut off mid");
    call.outcome.reasoning = QStringLiteral("Let me think about the question first.");
    call.outcome.finishReason = QStringLiteral("length");
    Usage usage;
    usage.completionTokens = 100;
    usage.reasoningTokens = 42;
    call.outcome.usage = usage;
    pane.showOutcome(call);

    QVERIFY(pane.isTruncated());
    QVERIFY(pane.findChild<QLabel *>(QStringLiteral("paneTruncated"))->isVisible());
    QVERIFY(pane.footerText().contains(QStringLiteral("max tokens")));
    QCOMPARE(pane.reasoningButton()->text(), QStringLiteral("Reasoning (42 tokens)"));
    QVERIFY(!pane.isReasoningVisible());
    QTest::mouseClick(pane.reasoningButton(), Qt::LeftButton);
    QVERIFY(pane.isReasoningVisible());
    QCOMPARE(pane.reasoningText(), call.outcome.reasoning);
}

void AppWidgetsTest::paneStatsShowSpeed()
{
    ModelPane pane(QStringLiteral("emu/alpha"));
    CallRecord call = record(QStringLiteral("emu/alpha"), Stage::Panel, 1000, 1010, 1200, 3200);
    call.outcome.text = QStringLiteral("done");
    call.cost.completionTokens = 600;
    pane.showOutcome(call);
    // 600 tokens streamed in 2 s.
    QVERIFY2(pane.statsText().contains(QStringLiteral("300 tok/s")), qPrintable(pane.statsText()));
    QVERIFY2(pane.statsText().contains(QStringLiteral("first token 190 ms")), qPrintable(pane.statsText()));
}

void AppWidgetsTest::paneRendersAtFrameRate()
{
    ModelPane pane(QStringLiteral("emu/alpha"));
    pane.show();
    QVERIFY(pane.renderIntervalMs() >= 4);
    QVERIFY(pane.renderIntervalMs() <= 50);
    for (int i = 0; i < 50; ++i)
        pane.appendText(QStringLiteral("word "));
    // Nothing is rendered before the frame timer fires.
    QCOMPARE(pane.renderedText(), QString());
    QTRY_VERIFY_WITH_TIMEOUT(pane.renderedText().startsWith(QStringLiteral("word word")), 500);
}

void AppWidgetsTest::layoutsKeepPanes()
{
    PaneContainer container(PaneLayout::Columns);
    container.resize(900, 500);
    container.show();
    QList<ModelPane *> panes;
    for (int i = 0; i < 4; ++i) {
        auto *pane = new ModelPane(QStringLiteral("emu/m%1").arg(i));
        pane->setText(QStringLiteral("answer %1").arg(i));
        container.addPane(pane);
        panes.append(pane);
    }
    QVERIFY(container.findChild<QSplitter *>(QStringLiteral("paneRow")));

    container.setPaneLayout(PaneLayout::Tabs);
    auto *tabs = qobject_cast<QTabWidget *>(container.arrangement());
    QVERIFY(tabs);
    QCOMPARE(tabs->count(), 4);
    container.revealPane(panes.at(2));
    QCOMPARE(tabs->currentWidget(), panes.at(2));

    container.setPaneLayout(PaneLayout::Grid);
    auto *rows = qobject_cast<QSplitter *>(container.arrangement());
    QVERIFY(rows);
    QCOMPARE(rows->orientation(), Qt::Vertical);
    QCOMPARE(rows->count(), 2);
    QCOMPARE(qobject_cast<QSplitter *>(rows->widget(0))->count(), 2);
    QCOMPARE(container.panes(), panes);
    QCOMPARE(panes.at(3)->markdown(), QStringLiteral("answer 3"));
    QVERIFY(panes.at(3)->isVisible());
}

void AppWidgetsTest::timelineBarsFollowTimings()
{
    Turn turn;
    turn.calls = {record(QStringLiteral("emu/alpha"), Stage::Panel, 1000, 1000, 1300, 2000),
                  record(QStringLiteral("emu/beta"), Stage::Panel, 1000, 1200, 1600, 2500),
                  record(QStringLiteral("emu/writer"), Stage::Writer, 2500, 2500, 2700, 3000)};
    TimelineWidget timeline;
    timeline.resize(800, 200);
    timeline.setTurn(turn, 3000);
    const QList<TimelineWidget::Bar> bars = timeline.bars();
    QCOMPARE(bars.size(), 3);
    QCOMPARE(timeline.spanMs(), 2000);
    QCOMPARE(bars.at(0).group, QStringLiteral("panel"));
    QCOMPARE(bars.at(2).group, QStringLiteral("writer"));
    QVERIFY(bars.at(0).queued.width() < 1.0);  // sent at once
    QVERIFY(bars.at(1).queued.width() > 10.0); // waited 200 ms for a connection
    QVERIFY(bars.at(1).waiting.left() >= bars.at(1).queued.right() - 0.5);
    QVERIFY(bars.at(2).waiting.left() >= bars.at(1).streaming.right() - 0.5);
    QVERIFY(bars.at(2).streaming.top() > bars.at(1).streaming.top());
    // Writer: 200 ms to the first token, 300 ms streaming, on a 2 s axis.
    QVERIFY(qAbs(bars.at(2).streaming.width() / bars.at(2).waiting.width() - 1.5) < 0.05);
    QVERIFY(!timeline.grab().isNull());
}

void AppWidgetsTest::analysisTicksAndLinks()
{
    AnalysisView view;
    view.setAnalysis(sampleAnalysis());
    QCOMPARE(view.pointCount(), 6);
    QCOMPARE(view.tickedCount(), 6);

    QCheckBox *firstConsensus = view.pointBoxes().at(0);
    firstConsensus->setChecked(false);
    const QJsonObject selected = view.selectedAnalysis();
    QCOMPARE(selected.value(QStringLiteral("consensus")).toArray().size(), 1);
    QCOMPARE(selected.value(QStringLiteral("consensus")).toArray().first().toString(),
             QStringLiteral("Sorting is O(n log n)"));
    QCOMPARE(selected.value(QStringLiteral("contradictions")).toArray().size(), 1);

    QSignalSpy activated(&view, &AnalysisView::modelActivated);
    QLabel *stanceCell = nullptr;
    for (QLabel *label : view.findChildren<QLabel *>()) {
        if (label->text().contains(QStringLiteral("model:emu/beta")))
            stanceCell = label;
    }
    QVERIFY(stanceCell);
    Q_EMIT stanceCell->linkActivated(QStringLiteral("model:emu/beta"));
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.first().first().toString(), QStringLiteral("emu/beta"));

    QSignalSpy rewrite(&view, &AnalysisView::rewriteRequested);
    QTest::mouseClick(view.rewriteButton(), Qt::LeftButton);
    QCOMPARE(rewrite.size(), 1);
    QCOMPARE(rewrite.first().first().toJsonObject(), selected);

    for (QCheckBox *box : view.pointBoxes())
        box->setChecked(false);
    QVERIFY(!view.rewriteButton()->isEnabled());
}

void AppWidgetsTest::darkPaletteStaysReadable()
{
    ModelPane pane(QStringLiteral("emu/alpha"));
    pane.setPalette(AppTheme::palette(QStringLiteral("light")));
    pane.reset(PaneState::Done);
    const QPalette light = pane.palette();
    const QColor lightBadge = PaletteColors::badgeBackground(PaneState::Done, light);

    pane.setPalette(AppTheme::palette(QStringLiteral("dark")));
    const QPalette dark = pane.palette();
    QVERIFY(PaletteColors::isDark(dark));
    QVERIFY(dark.color(QPalette::Base) != light.color(QPalette::Base));
    const QColor darkBadge = PaletteColors::badgeBackground(PaneState::Done, dark);
    QVERIFY(darkBadge != lightBadge);
    QVERIFY(pane.findChild<QLabel *>(QStringLiteral("paneBadge"))->styleSheet().contains(darkBadge.name()));
    QVERIFY(contrast(dark.color(QPalette::Text), dark.color(QPalette::Base)) >= 4.5);
    QVERIFY(contrast(dark.color(QPalette::Text), darkBadge) >= 4.5);
    QVERIFY(contrast(PaletteColors::errorText(dark), dark.color(QPalette::Window)) >= 4.5);

    if (CodeHighlighter::backendName() != QStringLiteral("none")) {
        CodeBlockView block;
        block.setPalette(dark);
        block.setCode(QStringLiteral("int x = 1;"), QStringLiteral("cpp"));
        for (const QRgb colour : foregroundColours(block.editor()->document()))
            QVERIFY(contrast(QColor(colour), dark.color(QPalette::AlternateBase)) >= 3.0);
    }
}

void AppWidgetsTest::ensembleEditorValidates()
{
    QTemporaryDir folder;
    PresetStore store(folder.path());
    EnsembleEditorDialog editor(&store);
    ModelInfo alpha;
    alpha.id = QStringLiteral("emu/alpha");
    alpha.contextLength = 200'000;
    ModelInfo beta;
    beta.id = QStringLiteral("emu/beta");
    beta.contextLength = 8'000;
    beta.inputModalities = {QStringLiteral("text"), QStringLiteral("image")};
    editor.setCatalogue({alpha, beta});

    Preset empty;
    empty.name = QString();
    editor.loadPreset(empty);
    QVERIFY(!editor.validate());
    QVERIFY(editor.problemText(QStringLiteral("name")).contains(QStringLiteral("name")));
    QVERIFY(editor.problemText(QStringLiteral("panel")).contains(QStringLiteral("empty")));
    QVERIFY(editor.problemText(QStringLiteral("writer")).contains(QStringLiteral("writer is missing")));
    QVERIFY(editor.findChild<QLabel *>(QStringLiteral("panelProblem"))->isVisibleTo(&editor));
    QVERIFY(!editor.save());

    auto *minContext = editor.findChild<QSpinBox *>(QStringLiteral("minContextBox"));
    minContext->setValue(100);
    QCOMPARE(editor.catalogueMatches(), QStringList{QStringLiteral("emu/alpha")});
    minContext->setValue(0);

    // Only beta lists image input; alpha lists none, which means text only.
    auto *modality = editor.findChild<QComboBox *>(QStringLiteral("modalityBox"));
    QVERIFY(modality);
    modality->setCurrentIndex(modality->findData(QStringLiteral("image")));
    QCOMPARE(editor.catalogueMatches(), QStringList{QStringLiteral("emu/beta")});
    modality->setCurrentIndex(0);
    QCOMPARE(editor.catalogueMatches().size(), 2);

    Preset unknown;
    unknown.name = QStringLiteral("Mine");
    unknown.ensemble = Ensemble::fromModelIds({QStringLiteral("emu/alpha"), QStringLiteral("emu/nope")},
                                              QStringLiteral("emu/beta"));
    editor.loadPreset(unknown);
    QVERIFY(!editor.validate());
    QVERIFY2(editor.problemText(QStringLiteral("panel")).contains(QStringLiteral("emu/nope")),
             qPrintable(editor.problemText(QStringLiteral("panel"))));
    QCOMPARE(editor.problemText(QStringLiteral("writer")), QString());
}

void AppWidgetsTest::ensembleEditorSavesAndShares()
{
    QTemporaryDir folder;
    PresetStore store(folder.path());
    EnsembleEditorDialog editor(&store);
    QSignalSpy changed(&editor, &EnsembleEditorDialog::presetsChanged);
    Preset preset;
    preset.name = QStringLiteral("Mine");
    preset.ensemble = Ensemble::fromModelIds({QStringLiteral("emu/alpha")}, QStringLiteral("emu/beta"));
    editor.loadPreset(preset);
    editor.addCatalogueModel(QStringLiteral("emu/beta"));
    QVERIFY(editor.save());
    QCOMPARE(changed.size(), 1);
    const Result<Preset> saved = store.load(QStringLiteral("Mine"));
    QVERIFY2(saved.ok(), qPrintable(saved.error()));
    QCOMPARE(saved->ensemble.panel.size(), 2);

    QVERIFY(editor.duplicate());
    QVERIFY(store.load(QStringLiteral("Mine copy")).ok());

    const QString exported = folder.filePath(QStringLiteral("shared.json"));
    FileDialogs::queueAnswers({exported});
    QVERIFY(editor.exportCurrent());
    QVERIFY(QFile::exists(exported));
    QVERIFY(editor.removeCurrent());
    QVERIFY(!store.load(QStringLiteral("Mine copy")).ok());
    FileDialogs::queueAnswers({exported});
    QVERIFY(editor.importPreset());
    QVERIFY(store.load(QStringLiteral("Mine copy")).ok());
    FileDialogs::queueAnswers({QString()});
    QVERIFY(!editor.importPreset()); // cancelled
    QCOMPARE(FileDialogs::queuedAnswerCount(), 0);
}

void AppWidgetsTest::ensembleEditorKeepsStrategySettings()
{
    QTemporaryDir folder;
    PresetStore store(folder.path());
    EnsembleEditorDialog editor(&store);
    ModelInfo alpha;
    alpha.id = QStringLiteral("emu/alpha");
    ModelInfo judge;
    judge.id = QStringLiteral("emu/judge");
    editor.setCatalogue({alpha, judge});

    Preset preset;
    preset.name = QStringLiteral("Ranked");
    preset.strategy = QStringLiteral("best-of-n");
    preset.ensemble = Ensemble::fromModelIds({QStringLiteral("emu/alpha"), QStringLiteral("emu/alpha")},
                                             QStringLiteral("emu/alpha"));
    editor.loadPreset(preset);
    // best-of-n without a judge is refused next to the settings.
    QVERIFY(!editor.validate());
    QVERIFY2(editor.problemText(QStringLiteral("settings")).contains(QStringLiteral("judge")),
             qPrintable(editor.problemText(QStringLiteral("settings"))));

    editor.findChild<QComboBox *>(QStringLiteral("presetJudge"))->setEditText(QStringLiteral("emu/judge"));
    editor.findChild<QComboBox *>(QStringLiteral("presetAnalyst"))->setEditText(QStringLiteral("emu/judge"));
    editor.findChild<QSpinBox *>(QStringLiteral("presetQuorum"))->setValue(2);
    editor.findChild<QSpinBox *>(QStringLiteral("presetDeadline"))->setValue(30);
    editor.findChild<QSpinBox *>(QStringLiteral("presetIdleTimeout"))->setValue(45);
    QVERIFY2(editor.validate(), qPrintable(editor.problemText(QStringLiteral("settings"))));
    QVERIFY(editor.save());

    const Result<Preset> saved = store.load(QStringLiteral("Ranked"));
    QVERIFY2(saved.ok(), qPrintable(saved.error()));
    QCOMPARE(saved->strategySettings.strategy, QStringLiteral("best-of-n"));
    QCOMPARE(saved->strategySettings.judge.model, QStringLiteral("emu/judge"));
    QCOMPARE(saved->strategySettings.analyst.model, QStringLiteral("emu/judge"));
    QCOMPARE(saved->strategySettings.analyst.temperature, std::optional<double>(0.0));
    QCOMPARE(saved->strategySettings.quorum, 2);
    QCOMPARE(saved->strategySettings.deadlineMs, 30'000);
    QCOMPARE(saved->timeouts.idleMs, 45'000);

    editor.findChild<QComboBox *>(QStringLiteral("presetJudge"))->setEditText(QStringLiteral("emu/unknown"));
    QVERIFY(!editor.validate());
    QVERIFY(editor.problemText(QStringLiteral("settings")).contains(QStringLiteral("emu/unknown")));
}

void AppWidgetsTest::sidebarRenameDeleteUndo()
{
    QTemporaryDir folder;
    ConversationStore store;
    QVERIFY(store.open(folder.filePath(QStringLiteral("chats.sqlite"))).ok());
    const qint64 first = store.createConversation(QStringLiteral("Sorting ages")).value();
    const qint64 second = store.createConversation(QStringLiteral("Travel plans")).value();

    ConversationSidebar sidebar;
    sidebar.setStore(&store);
    QCOMPARE(sidebar.list()->count(), 2);
    QVERIFY(sidebar.renameConversation(first, QStringLiteral("Sorting ages in C++")));
    QVERIFY(!sidebar.list()->findItems(QStringLiteral("Sorting ages in C++"), Qt::MatchExactly).isEmpty());

    QSignalSpy activated(&sidebar, &ConversationSidebar::conversationActivated);
    QVERIFY(sidebar.deleteConversation(second));
    QCOMPARE(sidebar.list()->count(), 1);
    QVERIFY(sidebar.undoButton()->isVisibleTo(&sidebar));
    QTest::mouseClick(sidebar.undoButton(), Qt::LeftButton);
    QCOMPARE(sidebar.list()->count(), 2);
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.first().first().toLongLong(), second);
    QVERIFY(!sidebar.undoButton()->isVisibleTo(&sidebar));
}

void AppWidgetsTest::settingsTestConnection()
{
    SettingsDialog dialog;
    SettingsValues values;
    Endpoint endpoint;
    endpoint.baseUrl = m_emulator.baseUrl();
    endpoint.apiKey = QStringLiteral("test-key");
    values.providers = {endpoint};
    dialog.load(values);
    QCOMPARE(dialog.currentProvider(), QStringLiteral("openrouter"));

    QSignalSpy tested(&dialog, &SettingsDialog::connectionTested);
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("testConnectionButton")), Qt::LeftButton);
    QVERIFY(tested.wait(5000));
    QCOMPARE(tested.first().at(0).toBool(), true);
    QCOMPARE(dialog.connectionResult(), QStringLiteral("Connected: 2 model(s) found."));

    // A port that was free a moment ago refuses the connection.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    const quint16 port = server.serverPort();
    server.close();
    dialog.findChild<QLineEdit *>(QStringLiteral("baseUrlEdit"))
        ->setText(QStringLiteral("http://127.0.0.1:%1/v1").arg(port));
    dialog.testConnection();
    QVERIFY(tested.wait(5000));
    QCOMPARE(tested.last().at(0).toBool(), false);
    QVERIFY2(dialog.connectionResult().contains(QStringLiteral("Check the base URL")),
             qPrintable(dialog.connectionResult()));
}

void AppWidgetsTest::settingsKeychainMissing()
{
    SettingsDialog dialog;
    dialog.load(SettingsValues());
    auto *warning = dialog.findChild<QLabel *>(QStringLiteral("keychainWarning"));
    auto *sessionBox = dialog.findChild<QCheckBox *>(QStringLiteral("sessionKeysBox"));
    QVERIFY(!warning->isVisibleTo(&dialog));
    dialog.setKeychainMissing(QStringLiteral("No keychain service is running."));
    QVERIFY(warning->isVisibleTo(&dialog));
    QVERIFY(sessionBox->isVisibleTo(&dialog));
    QVERIFY(warning->text().contains(QStringLiteral("until Consilium quits")));
    sessionBox->setChecked(false);
    QCOMPARE(dialog.values().keepKeysForSession, false);
}

QTEST_MAIN(AppWidgetsTest)
#include "tst_AppWidgets.moc"
