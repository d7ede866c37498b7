// Drives the real main window against the emulator: picks models through the
// picker's widgets, sends with the keyboard and reads what the panes show.

#include "AnalysisView.h"
#include "AppSettings.h"
#include "ChatView.h"
#include "ConversationSidebar.h"
#include "EnsembleEditorDialog.h"
#include "ErrorBanner.h"
#include "FileDialogs.h"
#include "MainWindow.h"
#include "cost/BudgetConfirmation.h"
#include "cost/CostEstimateLabel.h"
#include "ModelListModel.h"
#include "ModelPane.h"
#include "ModelPickerWidget.h"
#include "PromptBar.h"
#include "SettingsDialog.h"
#include "TimelineWidget.h"
#include "TurnView.h"

#include "store/ConversationStore.h"

#include "EmulatorProcess.h"

#include <QAbstractItemModelTester>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QCheckBox>
#include <QJsonArray>
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTextEdit>
#include <QTabWidget>
#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace Consilium;
using namespace Consilium::App;

namespace {

constexpr int kTurnTimeoutMs = 20'000;

const QString kAlphaText = QStringLiteral(
    "## Alpha view\n\nAlpha answers first.\n\n- one point\n- another point\n\n"
    "| Key | Value |\n|---|---|\n| a | 1 |\n\n```cpp\nint alpha = 1;\n```\n");
const QString kBetaText = QStringLiteral(
    "## Beta view\n\nBeta agrees.\n\n1. first step\n2. second step\n\n"
    "| Option | Cost |\n|---|---|\n| B | low |\n\n```python\nbeta = 2\n```\n");
const QString kGammaText = QStringLiteral(
    "## Gamma view\n\nGamma reports no usage.\n\n- a caveat\n\n"
    "| Size | Time |\n|---|---|\n| small | fast |\n\n```bash\necho gamma\n```\n");
const QString kWriterText = QStringLiteral(
    "## Fused answer\n\nAll three agree.\n\n- **Alpha:** first\n- **Beta:** second\n\n"
    "| Model | View |\n|---|---|\n| alpha | one |\n\n```text\nrecommendation: A\n```\n");

QJsonObject pricing(const char *prompt, const char *completion)
{
    return QJsonObject{{QStringLiteral("prompt"), QString::fromLatin1(prompt)},
                       {QStringLiteral("completion"), QString::fromLatin1(completion)}};
}

QJsonObject usage(int promptTokens, int completionTokens)
{
    return QJsonObject{{QStringLiteral("prompt_tokens"), promptTokens},
                       {QStringLiteral("completion_tokens"), completionTokens}};
}

QJsonObject model(const QString &id, const QString &text, int tokensPerSecond)
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("name"), id.section(u'/', 1).toUpper()},
                       {QStringLiteral("reply"), QJsonObject{{QStringLiteral("text"), text}}},
                       {QStringLiteral("ttft_ms"), 30},
                       {QStringLiteral("tokens_per_second"), tokensPerSecond}};
}

QJsonObject rateLimitFault()
{
    const QJsonObject error{{QStringLiteral("code"), 429},
                            {QStringLiteral("message"), QStringLiteral("Rate limit exceeded upstream")},
                            {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("provider_name"), QStringLiteral("X")}}}};
    return QJsonObject{{QStringLiteral("kind"), QStringLiteral("http_error")},
                       {QStringLiteral("status"), 429},
                       {QStringLiteral("body"), QJsonObject{{QStringLiteral("error"), error}}}};
}

QJsonObject buildScenario()
{
    QJsonObject alpha = model(QStringLiteral("emu/alpha"), kAlphaText, 300);
    alpha.insert(QStringLiteral("pricing"), pricing("0.000001", "0.000002"));
    alpha.insert(QStringLiteral("usage"), usage(120, 40));

    // No reported cost, so the client computes it from the catalogue prices.
    QJsonObject beta = model(QStringLiteral("emu/beta"), kBetaText, 300);
    beta.insert(QStringLiteral("pricing"), pricing("0.000003", "0.000015"));
    beta.insert(QStringLiteral("usage"), usage(200, 100));
    beta.insert(QStringLiteral("report_cost"), false);

    // No usage and no prices: tokens are estimated and the cost is unknown.
    QJsonObject gamma = model(QStringLiteral("emu/gamma"), kGammaText, 300);
    gamma.insert(QStringLiteral("report_usage"), false);

    QJsonObject writer = model(QStringLiteral("emu/writer"), kWriterText, 300);
    writer.insert(QStringLiteral("pricing"), pricing("0.000002", "0.000004"));
    writer.insert(QStringLiteral("usage"), usage(500, 80));

    const QString slowText = QStringLiteral("slow ").repeated(60);
    QJsonObject limited = model(QStringLiteral("emu/limited"), QStringLiteral("never sent"), 300);
    limited.insert(QStringLiteral("fault"), rateLimitFault());

    QJsonObject embedding = model(QStringLiteral("emu/text-embed"), QStringLiteral("0.1 0.2"), 300);

    const QJsonArray models{alpha, beta, gamma, writer,
                            model(QStringLiteral("emu/slow-one"), slowText, 5),
                            model(QStringLiteral("emu/slow-two"), slowText, 5),
                            limited, embedding};
    return QJsonObject{{QStringLiteral("models"), models}};
}

} // namespace

class MainWindowTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void catalogueFillsPicker();
    void filterMatchesNameAndId();
    void sendNeedsPanelAndWriter();
    void estimateFollowsPanel();
    void incognitoChatLeavesNoTrace();
    void interruptedTurnOffersRerun();
    void exportedChatImportsBack();
    void modelListLoadCancels();
    void dailyCapStopsTurn();
    void turnStreamsIntoPanes();
    void escapeCancelsEveryCall();
    void failedMemberDegradesTurn();
    void catalogueFailureShowsBanner();
    void apiKeyStaysOffDisk();
    void environmentBaseUrlWins();
    void answerMovesForemost();
    void layoutMenuRearrangesPanes();
    void menusShowShortcuts();
    void shortcutsReachTheirTargets();
    void everyControlHasAName();
    void searchHitOpensTurn();
    void retryMemberRunsNewTurn();
    void guidedMergeRewritesAnswer();

private:
    void connectThroughSettings(const QUrl &baseUrl);
    void pickPanel(const QStringList &ids, const QString &writer);
    void typeAndSend(const QString &prompt, Qt::Key sendKey = Qt::Key_Enter);
    ModelPane *paneFor(const QString &modelId) const;
    void runAlphaBetaTurn(const QString &prompt);

    Testing::EmulatorProcess m_emulator;
    std::unique_ptr<MainWindow> m_window;
};

void MainWindowTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ConsiliumTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_MainWindow"));
    qunsetenv("OPENROUTER_BASE_URL");
    qunsetenv("OPENROUTER_API_KEY");
    QVERIFY2(m_emulator.start(buildScenario()), qPrintable(m_emulator.error()));
}

void MainWindowTest::init()
{
    QSettings().clear();
    // Every test starts with no saved chats.
    QFile::remove(ConversationStore::defaultPath());
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    connectThroughSettings(m_emulator.baseUrl());
    if (QTest::currentTestFailed())
        return;
    QTRY_COMPARE(m_window->picker()->listModel()->rowCount(), 7);
}

void MainWindowTest::cleanup()
{
    m_window.reset();
    QSettings().clear();
}

void MainWindowTest::connectThroughSettings(const QUrl &baseUrl)
{
    m_window->settingsAction()->trigger();
    auto *dialog = m_window->findChild<SettingsDialog *>(QStringLiteral("settingsDialog"));
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    auto *baseUrlEdit = dialog->findChild<QLineEdit *>(QStringLiteral("baseUrlEdit"));
    auto *keyEdit = dialog->findChild<QLineEdit *>(QStringLiteral("apiKeyEdit"));
    QVERIFY(baseUrlEdit);
    QVERIFY(keyEdit);
    baseUrlEdit->setText(baseUrl.toString());
    keyEdit->setText(QStringLiteral("test-key-7f3a"));
    dialog->accept();
    QVERIFY(!dialog->isVisible());
    // Shortcuts reach only the active window, and closing the dialog does
    // not hand activation back on every platform plugin.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QCOMPARE(m_window->endpoint().baseUrl, baseUrl);
}

void MainWindowTest::pickPanel(const QStringList &ids, const QString &writer)
{
    QAbstractItemModel *viewModel = m_window->picker()->view()->model();
    for (const QString &id : ids) {
        const QModelIndexList found = viewModel->match(viewModel->index(0, ModelListModel::IdColumn),
                                                       ModelListModel::ModelIdRole, id, 1, Qt::MatchExactly);
        QVERIFY2(!found.isEmpty(), qPrintable(id));
        QVERIFY(viewModel->setData(found.first(), Qt::Checked, Qt::CheckStateRole));
    }
    QComboBox *writerBox = m_window->picker()->writerBox();
    const int writerIndex = writerBox->findText(writer);
    QVERIFY2(writerIndex >= 0, qPrintable(writer));
    writerBox->setCurrentIndex(writerIndex);
    QCOMPARE(m_window->picker()->panelModels(), ids);
    QCOMPARE(m_window->picker()->writerModel(), writer);
}

void MainWindowTest::typeAndSend(const QString &prompt, Qt::Key sendKey)
{
    auto *editor = m_window->findChild<QPlainTextEdit *>(QStringLiteral("promptEditor"));
    QVERIFY(editor);
    editor->setFocus();
    QTest::keyClicks(editor, prompt);
    QVERIFY(m_window->sendAction()->isEnabled());
    QTest::keyClick(editor, sendKey, Qt::ControlModifier);
    QVERIFY(m_window->isTurnRunning());
}

ModelPane *MainWindowTest::paneFor(const QString &modelId) const
{
    const QList<ModelPane *> panes = m_window->turnView()->panelPanes();
    for (ModelPane *pane : panes) {
        if (pane->title() == modelId)
            return pane;
    }
    return nullptr;
}

void MainWindowTest::catalogueFillsPicker()
{
    ModelListModel *listModel = m_window->picker()->listModel();
    QAbstractItemModelTester tester(listModel, QAbstractItemModelTester::FailureReportingMode::QtTest);

    const QStringList ids = listModel->modelIds();
    QVERIFY(ids.contains(QStringLiteral("emu/alpha")));
    QVERIFY(!ids.contains(QStringLiteral("emu/text-embed")));

    const int alphaRow = int(ids.indexOf(QStringLiteral("emu/alpha")));
    QCOMPARE(listModel->index(alphaRow, ModelListModel::InputPriceColumn).data().toString(), QStringLiteral("$1.00"));
    QCOMPARE(listModel->index(alphaRow, ModelListModel::OutputPriceColumn).data().toString(), QStringLiteral("$2.00"));
    const int gammaRow = int(ids.indexOf(QStringLiteral("emu/gamma")));
    QCOMPARE(listModel->index(gammaRow, ModelListModel::InputPriceColumn).data().toString(), QStringLiteral("unknown"));

    // The tester watches a refresh, which resets the model.
    m_window->setEndpoint(m_window->endpoint());
    QTRY_COMPARE(listModel->rowCount(), 7);
}

void MainWindowTest::filterMatchesNameAndId()
{
    auto *filter = m_window->picker()->findChild<QLineEdit *>(QStringLiteral("modelFilter"));
    QVERIFY(filter);
    QAbstractItemModel *viewModel = m_window->picker()->view()->model();

    QTest::keyClicks(filter, QStringLiteral("ALPHA"));
    QCOMPARE(viewModel->rowCount(), 1);
    QCOMPARE(viewModel->index(0, 0).data().toString(), QStringLiteral("emu/alpha"));

    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("slow"));
    QCOMPARE(viewModel->rowCount(), 2);

    filter->clear();
    QCOMPARE(viewModel->rowCount(), 7);
}

void MainWindowTest::estimateFollowsPanel()
{
    pickPanel({QStringLiteral("emu/alpha")}, QStringLiteral("emu/writer"));
    if (QTest::currentTestFailed())
        return;
    auto *editor = m_window->findChild<QPlainTextEdit *>(QStringLiteral("promptEditor"));
    QTest::keyClicks(editor, QStringLiteral("How much will this cost?"));
    auto *estimate = m_window->findChild<CostEstimateLabel *>();
    QVERIFY(estimate);
    QTRY_VERIFY_WITH_TIMEOUT(estimate->estimate().calls.size() == 2, 5000);
    QVERIFY(estimate->text().contains(QStringLiteral("$")));
    QVERIFY(estimate->estimate().low < estimate->estimate().high);
    const Money highWithAlpha = estimate->estimate().high;

    // Beta costs more per token than alpha, so adding it raises the range.
    pickPanel({QStringLiteral("emu/alpha"), QStringLiteral("emu/beta")}, QStringLiteral("emu/writer"));
    QTRY_VERIFY_WITH_TIMEOUT(estimate->estimate().calls.size() == 3, 5000);
    QVERIFY(estimate->estimate().high > highWithAlpha);
    QCOMPARE(estimate->estimate().unpricedCalls, 0);
}

void MainWindowTest::incognitoChatLeavesNoTrace()
{
    m_window->incognitoAction()->setChecked(true);
    QCOMPARE(m_window->banner()->severity(), ErrorBanner::Severity::Info);
    QVERIFY(m_window->banner()->text().contains(QStringLiteral("not stored")));
    runAlphaBetaTurn(QStringLiteral("a secret about the ostrich farm"));
    if (QTest::currentTestFailed())
        return;
    m_window.reset(); // flushes and closes the database

    ConversationStore store;
    QVERIFY(store.open(ConversationStore::defaultPath()).ok());
    QCOMPARE(store.listConversations()->size(), 0);
    for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
        QFile file(ConversationStore::defaultPath() + suffix);
        if (file.open(QIODevice::ReadOnly))
            QVERIFY2(!file.readAll().contains("ostrich farm"), qPrintable(file.fileName()));
    }
}

void MainWindowTest::interruptedTurnOffersRerun()
{
    m_window.reset();
    qint64 conversationId = 0;
    {
        // A turn left running, as a killed process leaves it.
        ConversationStore store;
        QVERIFY(store.open(ConversationStore::defaultPath()).ok());
        conversationId = store.createConversation(QStringLiteral("Cut short")).value();
        const StoredTurn turn = store.beginTurn(conversationId, QStringLiteral("Tell me a long story"),
                                                QStringLiteral("fusion"), QJsonObject()).value();
        CallRecord call;
        call.model = QStringLiteral("emu/alpha");
        call.outcome.status = CallStatus::Running;
        const qint64 callId = store.addCall(turn.id, 0, call).value();
        QVERIFY(store.appendCallText(callId, QStringLiteral("Once upon a time"), QString(), CallTimings{1, 2, 3, 0}).ok());
    }

    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(m_window->banner()->text().contains(QStringLiteral("partial text is kept")));
    QCOMPARE(m_window->banner()->severity(), ErrorBanner::Severity::Warning);

    m_window->openConversation(conversationId);
    auto *editor = m_window->findChild<QPlainTextEdit *>(QStringLiteral("promptEditor"));
    QCOMPARE(editor->toPlainText(), QStringLiteral("Tell me a long story"));
    QVERIFY(m_window->banner()->text().contains(QStringLiteral("interrupted")));
    const QList<ModelPane *> panes = m_window->turnView()->panelPanes();
    QCOMPARE(panes.size(), 1);
    QVERIFY(panes.first()->markdown().contains(QStringLiteral("Once upon a time")));
}

void MainWindowTest::exportedChatImportsBack()
{
    runAlphaBetaTurn(QStringLiteral("a question about the ostrich farm"));
    if (QTest::currentTestFailed())
        return;
    QTemporaryDir folder;
    const QString exported = folder.filePath(QStringLiteral("chat.json"));
    FileDialogs::queueAnswers({exported});
    m_window->exportAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(exported), 10'000);
    QTRY_VERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("Exported")));

    // A damaged file is rejected with its name and changes nothing.
    const QString damaged = folder.filePath(QStringLiteral("damaged.json"));
    QFile source(exported);
    QVERIFY(source.open(QIODevice::ReadOnly));
    QFile target(damaged);
    QVERIFY(target.open(QIODevice::WriteOnly));
    target.write(source.readAll().chopped(40));
    target.close();
    FileDialogs::queueAnswers({damaged});
    m_window->importAction()->trigger();
    QCOMPARE(m_window->banner()->severity(), ErrorBanner::Severity::Error);
    QVERIFY2(m_window->banner()->text().contains(QStringLiteral("damaged.json")), qPrintable(m_window->banner()->text()));
    QCOMPARE(m_window->sidebar()->list()->count(), 1);

    FileDialogs::queueAnswers({exported});
    m_window->importAction()->trigger();
    QCOMPARE(m_window->sidebar()->list()->count(), 2);
    const QList<ModelPane *> panes = m_window->turnView()->panelPanes();
    QCOMPARE(panes.size(), 3);
    QCOMPARE(m_window->turnView()->answerPane()->markdown(), kWriterText);
}

void MainWindowTest::modelListLoadCancels()
{
    // A loopback server that accepts and never answers keeps the list loading.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(silent.serverPort());
    url.setPath(QStringLiteral("/api/v1"));
    connectThroughSettings(url);
    if (QTest::currentTestFailed())
        return;

    auto *cancel = m_window->picker()->findChild<QToolButton *>(QStringLiteral("cancelLoadingButton"));
    QVERIFY(cancel);
    QTRY_VERIFY(cancel->isVisibleTo(m_window.get()));
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(!cancel->isVisibleTo(m_window.get()));
    auto *status = m_window->picker()->findChild<QLabel *>(QStringLiteral("pickerStatus"));
    QVERIFY(status->text().contains(QStringLiteral("cancelled")));
    QVERIFY(m_window->banner()->severity() != ErrorBanner::Severity::Error || m_window->banner()->text().isEmpty());
}

void MainWindowTest::dailyCapStopsTurn()
{
    // A cap far below any turn's estimate; the estimate is priced.
    AppSettings::saveDailyCap(Money::fromMicroUsd(1));
    AppSettings::saveRefuseOverCap(false);
    pickPanel({QStringLiteral("emu/alpha")}, QStringLiteral("emu/writer"));
    if (QTest::currentTestFailed())
        return;
    auto *editor = m_window->findChild<QPlainTextEdit *>(QStringLiteral("promptEditor"));
    QTest::keyClicks(editor, QStringLiteral("An expensive question"));

    // Asked, the user declines: nothing is sent.
    BudgetConfirmation::queueAnswers({false});
    m_window->sendAction()->trigger();
    QVERIFY(!m_window->isTurnRunning());
    QVERIFY2(m_window->banner()->text().contains(QStringLiteral("budget_exceeded")), qPrintable(m_window->banner()->text()));
    QVERIFY(m_window->banner()->text().contains(QStringLiteral("daily cap")));

    // Set to refuse, no question is asked at all.
    AppSettings::saveRefuseOverCap(true);
    m_window->sendAction()->trigger();
    QVERIFY(!m_window->isTurnRunning());
    QCOMPARE(m_window->banner()->severity(), ErrorBanner::Severity::Error);

    // Accepted, the turn runs.
    AppSettings::saveRefuseOverCap(false);
    BudgetConfirmation::queueAnswers({true});
    m_window->sendAction()->trigger();
    QVERIFY(m_window->isTurnRunning());
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isTurnRunning(), kTurnTimeoutMs);
    AppSettings::saveDailyCap(std::nullopt);
}

void MainWindowTest::sendNeedsPanelAndWriter()
{
    QAction *send = m_window->sendAction();
    QVERIFY(!send->isEnabled());
    QVERIFY(send->toolTip().contains(QStringLiteral("panel model")));

    pickPanel({QStringLiteral("emu/alpha")}, QStringLiteral("emu/writer"));
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!send->isEnabled());
    QVERIFY(send->toolTip().contains(QStringLiteral("prompt")));

    auto *editor = m_window->findChild<QPlainTextEdit *>(QStringLiteral("promptEditor"));
    QTest::keyClicks(editor, QStringLiteral("hello"));
    QVERIFY(send->isEnabled());
    QVERIFY(!m_window->stopAction()->isEnabled());
}

void MainWindowTest::turnStreamsIntoPanes()
{
    pickPanel({QStringLiteral("emu/alpha"), QStringLiteral("emu/beta"), QStringLiteral("emu/gamma")},
              QStringLiteral("emu/writer"));
    if (QTest::currentTestFailed())
        return;
    typeAndSend(QStringLiteral("Compare the options."));
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(m_window->turnView()->panelPanes().size(), 3);
    QVERIFY(m_window->stopAction()->isEnabled());

    ModelPane *answer = m_window->turnView()->answerPane();
    QTRY_COMPARE_WITH_TIMEOUT(answer->badgeText(), QStringLiteral("done"), kTurnTimeoutMs);
    QTRY_VERIFY(!m_window->isTurnRunning());

    ModelPane *alpha = paneFor(QStringLiteral("emu/alpha"));
    ModelPane *beta = paneFor(QStringLiteral("emu/beta"));
    ModelPane *gamma = paneFor(QStringLiteral("emu/gamma"));
    QVERIFY(alpha);
    QVERIFY(beta);
    QVERIFY(gamma);
    QCOMPARE(alpha->badgeText(), QStringLiteral("done"));
    QCOMPARE(beta->badgeText(), QStringLiteral("done"));
    QCOMPARE(gamma->badgeText(), QStringLiteral("done"));
    QCOMPARE(alpha->markdown(), kAlphaText);
    QCOMPARE(beta->markdown(), kBetaText);
    QCOMPARE(gamma->markdown(), kGammaText);
    QVERIFY(alpha->renderedText().contains(QStringLiteral("int alpha = 1;")));
    QVERIFY(!alpha->renderedText().contains(QStringLiteral("```")));

    // alpha: provider cost 120 × $1/M + 40 × $2/M.
    const QString alphaStats = alpha->statsText();
    QVERIFY2(alphaStats.contains(QStringLiteral("in 120 ")), qPrintable(alphaStats));
    QVERIFY2(alphaStats.contains(QStringLiteral("out 40 tokens")), qPrintable(alphaStats));
    QVERIFY2(alphaStats.endsWith(QStringLiteral("cost $0.00020")), qPrintable(alphaStats));
    // beta: computed 200 × $3/M + 100 × $15/M.
    const QString betaStats = beta->statsText();
    QVERIFY2(betaStats.contains(QStringLiteral("in 200 ")), qPrintable(betaStats));
    QVERIFY2(betaStats.contains(QStringLiteral("out 100 tokens")), qPrintable(betaStats));
    QVERIFY2(betaStats.endsWith(QStringLiteral("cost $0.0021 (computed)")), qPrintable(betaStats));
    // gamma: four characters per estimated token, no prices.
    const QString gammaStats = gamma->statsText();
    const QString gammaOut = QStringLiteral("out ~%1 tokens").arg((kGammaText.size() + 3) / 4);
    QVERIFY2(gammaStats.contains(gammaOut), qPrintable(gammaStats));
    QVERIFY2(gammaStats.endsWith(QStringLiteral("cost unknown")), qPrintable(gammaStats));

    QCOMPARE(answer->markdown(), kWriterText);
    QVERIFY(answer->title().contains(QStringLiteral("emu/writer")));
    // Writer: 500 × $2/M + 80 × $4/M = $0.00132. Turn: 0.0002 + 0.0021 + 0.00132.
    QVERIFY2(answer->statsText().endsWith(QStringLiteral("cost $0.0013")), qPrintable(answer->statsText()));
    auto *costLabel = m_window->findChild<QLabel *>(QStringLiteral("costLabel"));
    QVERIFY(costLabel);
    QCOMPARE(costLabel->text(), QStringLiteral("Turn cost: $0.0036 · 1 call with unknown cost"));

    QVERIFY(m_window->sendAction()->isEnabled());
    QVERIFY(!m_window->stopAction()->isEnabled());
    QCOMPARE(m_window->banner()->text(), QString());
}

void MainWindowTest::escapeCancelsEveryCall()
{
    pickPanel({QStringLiteral("emu/slow-one"), QStringLiteral("emu/slow-two")}, QStringLiteral("emu/writer"));
    if (QTest::currentTestFailed())
        return;
    typeAndSend(QStringLiteral("Take your time."), Qt::Key_Return);
    if (QTest::currentTestFailed())
        return;
    ModelPane *one = paneFor(QStringLiteral("emu/slow-one"));
    ModelPane *two = paneFor(QStringLiteral("emu/slow-two"));
    QVERIFY(one);
    QVERIFY(two);
    // The emulator waits 30 ms before the first token, and no event has
    // been processed since Send.
    QCOMPARE(one->badgeText(), QStringLiteral("waiting"));
    QCOMPARE(one->footerText(), QStringLiteral("waiting for first token…"));
    QTRY_COMPARE(one->badgeText(), QStringLiteral("streaming"));
    QTRY_COMPARE(two->badgeText(), QStringLiteral("streaming"));

    QTest::keyClick(m_window->focusWidget(), Qt::Key_Escape);
    QTRY_COMPARE_WITH_TIMEOUT(one->badgeText(), QStringLiteral("cancelled"), 1000);
    QTRY_COMPARE_WITH_TIMEOUT(two->badgeText(), QStringLiteral("cancelled"), 1000);
    QCOMPARE(m_window->turnView()->answerPane()->badgeText(), QStringLiteral("cancelled"));
    QVERIFY(!one->markdown().isEmpty());
    QVERIFY(one->markdown().startsWith(QStringLiteral("slow")));
    QVERIFY(!m_window->isTurnRunning());
    QVERIFY(!m_window->stopAction()->isEnabled());
    QVERIFY(m_window->sendAction()->isEnabled());
}

void MainWindowTest::failedMemberDegradesTurn()
{
    pickPanel({QStringLiteral("emu/alpha"), QStringLiteral("emu/limited"), QStringLiteral("emu/beta")},
              QStringLiteral("emu/writer"));
    if (QTest::currentTestFailed())
        return;
    typeAndSend(QStringLiteral("Answer even if one fails."));
    if (QTest::currentTestFailed())
        return;

    ModelPane *answer = m_window->turnView()->answerPane();
    QTRY_COMPARE_WITH_TIMEOUT(answer->badgeText(), QStringLiteral("done"), kTurnTimeoutMs);
    QCOMPARE(answer->markdown(), kWriterText);

    ModelPane *limited = paneFor(QStringLiteral("emu/limited"));
    QVERIFY(limited);
    QCOMPARE(limited->badgeText(), QStringLiteral("failed"));
    QVERIFY2(limited->footerText().contains(QStringLiteral("Rate limit exceeded upstream")),
             qPrintable(limited->footerText()));
    QVERIFY(!limited->markdown().contains(QStringLiteral("Rate limit")));
    QCOMPARE(paneFor(QStringLiteral("emu/alpha"))->badgeText(), QStringLiteral("done"));

    const QString banner = m_window->banner()->text();
    QVERIFY2(banner.startsWith(QStringLiteral("Degraded answer")), qPrintable(banner));
    QVERIFY2(banner.contains(QStringLiteral("emu/limited")), qPrintable(banner));
    QCOMPARE(m_window->banner()->severity(), ErrorBanner::Severity::Warning);
}

void MainWindowTest::catalogueFailureShowsBanner()
{
    // A port that was free a moment ago refuses the connection.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    const quint16 port = server.serverPort();
    server.close();

    QUrl closed;
    closed.setScheme(QStringLiteral("http"));
    closed.setHost(QStringLiteral("127.0.0.1"));
    closed.setPort(port);
    closed.setPath(QStringLiteral("/api/v1"));
    connectThroughSettings(closed);

    QTRY_VERIFY(!m_window->banner()->text().isEmpty());
    const QString banner = m_window->banner()->text();
    QVERIFY2(banner.contains(QStringLiteral("Could not fetch the model list")), qPrintable(banner));
    QVERIFY2(banner.contains(QStringLiteral("Settings")), qPrintable(banner));
    QCOMPARE(m_window->banner()->severity(), ErrorBanner::Severity::Error);
}

void MainWindowTest::apiKeyStaysOffDisk()
{
    QSettings settings;
    settings.sync();
    QCOMPARE(settings.value(QStringLiteral("endpoint/baseUrl")).toString(), m_emulator.baseUrl().toString());
    QCOMPARE(m_window->endpoint().apiKey, QStringLiteral("test-key-7f3a"));

    m_window->close();
    settings.sync();
    QFile file(settings.fileName());
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(settings.fileName()));
    const QByteArray contents = file.readAll();
    QVERIFY(contents.contains("endpoint"));
    QVERIFY(!contents.contains("test-key-7f3a"));
}

void MainWindowTest::environmentBaseUrlWins()
{
    QCOMPARE(AppSettings::initialEndpoint().baseUrl, m_emulator.baseUrl());

    const QUrl fromEnvironment(QStringLiteral("http://127.0.0.1:9/api/v1"));
    qputenv("OPENROUTER_BASE_URL", fromEnvironment.toString().toUtf8());
    const Endpoint endpoint = AppSettings::initialEndpoint();
    qunsetenv("OPENROUTER_BASE_URL");
    QCOMPARE(endpoint.baseUrl, fromEnvironment);
}

void MainWindowTest::runAlphaBetaTurn(const QString &prompt)
{
    pickPanel({QStringLiteral("emu/alpha"), QStringLiteral("emu/beta"), QStringLiteral("emu/gamma")},
              QStringLiteral("emu/writer"));
    if (QTest::currentTestFailed())
        return;
    typeAndSend(prompt);
    if (QTest::currentTestFailed())
        return;
    QTRY_COMPARE_WITH_TIMEOUT(m_window->turnView()->answerPane()->badgeText(), QStringLiteral("done"), kTurnTimeoutMs);
    QTRY_VERIFY(!m_window->isTurnRunning());
}

void MainWindowTest::answerMovesForemost()
{
    runAlphaBetaTurn(QStringLiteral("Which option?"));
    if (QTest::currentTestFailed())
        return;
    TurnView *turn = m_window->turnView();
    QVERIFY(turn->isAnswerForemost());
    QCOMPARE(turn->splitter()->widget(0), turn->answerPane());
    // The timeline shows one bar per call, the writer's after the panel's.
    const QList<TimelineWidget::Bar> bars = turn->timeline()->bars();
    QCOMPARE(bars.size(), 4);
    QCOMPARE(bars.last().label, QStringLiteral("emu/writer"));
    QCOMPARE(bars.last().group, QStringLiteral("writer"));
    for (int i = 0; i < 3; ++i)
        QVERIFY(bars.last().waiting.left() >= bars.at(i).streaming.right() - 1.0);
}

void MainWindowTest::layoutMenuRearrangesPanes()
{
    runAlphaBetaTurn(QStringLiteral("Lay them out."));
    if (QTest::currentTestFailed())
        return;
    PaneContainer *panes = m_window->turnView()->paneContainer();
    QVERIFY(qobject_cast<QScrollArea *>(panes->arrangement()));

    m_window->layoutAction(PaneLayout::Tabs)->trigger();
    auto *tabs = qobject_cast<QTabWidget *>(panes->arrangement());
    QVERIFY(tabs);
    QCOMPARE(tabs->count(), 3);
    QCOMPARE(AppSettings::paneLayout(), QStringLiteral("tabs"));

    m_window->layoutAction(PaneLayout::Grid)->trigger();
    auto *rows = qobject_cast<QSplitter *>(panes->arrangement());
    QVERIFY(rows);
    QCOMPARE(rows->count(), 2);
    QCOMPARE(paneFor(QStringLiteral("emu/alpha"))->markdown(), kAlphaText);

    // A new window starts with the saved layout.
    MainWindow second;
    QCOMPARE(second.paneLayout(), PaneLayout::Grid);
    QVERIFY(second.layoutAction(PaneLayout::Grid)->isChecked());
}

void MainWindowTest::menusShowShortcuts()
{
    const QList<QAction *> expected{m_window->sendAction(), m_window->stopAction(), m_window->settingsAction(),
                                    m_window->newChatAction(), m_window->findAction(),
                                    m_window->switchPresetAction()};
    QList<QAction *> inMenus;
    for (QAction *menuAction : m_window->menuBar()->actions()) {
        for (QAction *action : menuAction->menu()->actions()) {
            inMenus.append(action);
            if (action->menu())
                inMenus.append(action->menu()->actions());
        }
    }
    for (QAction *action : expected) {
        QVERIFY2(inMenus.contains(action), qPrintable(action->text()));
        QVERIFY2(!action->shortcut().isEmpty(), qPrintable(action->text()));
    }
    for (QAction *action : std::as_const(inMenus)) {
        if (!action->isSeparator() && !action->menu())
            QVERIFY2(!action->shortcut().isEmpty(), qPrintable(action->text()));
    }
    QCOMPARE(m_window->newChatAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_N));
    QCOMPARE(m_window->findAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_F));
    QCOMPARE(m_window->switchPresetAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_K));
    QCOMPARE(m_window->settingsAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Comma));
}

void MainWindowTest::shortcutsReachTheirTargets()
{
    auto *editor = m_window->findChild<QPlainTextEdit *>(QStringLiteral("promptEditor"));
    editor->setFocus();
    QTest::keyClick(editor, Qt::Key_F, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), m_window->sidebar()->searchBox());

    QTest::keyClick(QApplication::focusWidget(), Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(m_window->promptBar()->presetBox()->view()->isVisible());
    m_window->promptBar()->presetBox()->hidePopup();
    QVERIFY(m_window->promptBar()->presetBox()->count() >= 7); // picked models + six built-ins

    editor->setFocus();
    QTest::keyClicks(editor, QStringLiteral("draft"));
    QTest::keyClick(editor, Qt::Key_N, Qt::ControlModifier);
    QCOMPARE(editor->toPlainText(), QString());
    QCOMPARE(m_window->conversationId(), 0);

    QTest::keyClick(editor, Qt::Key_Comma, Qt::ControlModifier);
    QTRY_VERIFY(m_window->settingsDialog()->isVisible());
    m_window->settingsDialog()->reject();
}

void MainWindowTest::everyControlHasAName()
{
    runAlphaBetaTurn(QStringLiteral("Name everything."));
    if (QTest::currentTestFailed())
        return;
    m_window->turnView()->analysisView()->setAnalysis(
        QJsonObject{{QStringLiteral("consensus"), QJsonArray{QStringLiteral("A point")}}});
    m_window->ensembleEditor()->openWith(QString());
    m_window->ensembleEditor()->reject();

    QStringList unnamed;
    for (QWidget *widget : m_window->findChildren<QWidget *>()) {
        const bool interactive = qobject_cast<QAbstractButton *>(widget) || qobject_cast<QLineEdit *>(widget)
                                 || qobject_cast<QAbstractSpinBox *>(widget) || qobject_cast<QComboBox *>(widget)
                                 || qobject_cast<QAbstractItemView *>(widget)
                                 || qobject_cast<QPlainTextEdit *>(widget) || qobject_cast<QTextEdit *>(widget);
        if (!interactive)
            continue;
        // Parts of a compound control are named through the control.
        QWidget *parent = widget->parentWidget();
        bool part = false;
        for (QWidget *up = parent; up; up = up->parentWidget()) {
            if (qobject_cast<QComboBox *>(up) || qobject_cast<QAbstractSpinBox *>(up) || qobject_cast<QTabBar *>(up)
                || qobject_cast<QLineEdit *>(up)
                || (qobject_cast<QAbstractItemView *>(up) && up != widget))
                part = true;
        }
        // Qt's own helpers, such as the menu bar's overflow button.
        if (part || qobject_cast<QScrollBar *>(widget) || widget->objectName().startsWith(QStringLiteral("qt_")))
            continue;
        QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
        const QString name = accessible ? accessible->text(QAccessible::Name) : QString();
        if (name.trimmed().isEmpty())
            unnamed.append(QStringLiteral("%1 \"%2\"").arg(QString::fromLatin1(widget->metaObject()->className()),
                                                            widget->objectName()));
    }
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
}

void MainWindowTest::searchHitOpensTurn()
{
    runAlphaBetaTurn(QStringLiteral("Compare the ostrich options."));
    if (QTest::currentTestFailed())
        return;
    TurnView *first = m_window->turnView();
    QTRY_VERIFY_WITH_TIMEOUT(first->storedTurnId() > 0, 5000);
    const qint64 storedId = first->storedTurnId();
    const qint64 conversation = m_window->conversationId();
    QVERIFY(conversation > 0);

    m_window->newChatAction()->trigger();
    QCOMPARE(m_window->chatView()->turns().size(), 0);
    ConversationSidebar *sidebar = m_window->sidebar();
    QCOMPARE(sidebar->list()->count(), 1);
    QTest::keyClicks(sidebar->searchBox(), QStringLiteral("ostrich"));
    QTRY_VERIFY(sidebar->list()->count() >= 1);
    QVERIFY(sidebar->list()->item(0)->text().contains(QStringLiteral("ostrich")));

    QListWidget *list = sidebar->list();
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(0)).center());
    QCOMPARE(m_window->conversationId(), conversation);
    TurnView *shown = m_window->chatView()->turnForStoredId(storedId);
    QVERIFY(shown);
    QVERIFY(!shown->isCollapsed());
    QCOMPARE(shown->heading(), QStringLiteral("Compare the ostrich options."));
    QCOMPARE(shown->answerPane()->markdown(), kWriterText);
    QCOMPARE(paneFor(QStringLiteral("emu/alpha"))->markdown(), kAlphaText);
}

void MainWindowTest::retryMemberRunsNewTurn()
{
    runAlphaBetaTurn(QStringLiteral("Retry one."));
    if (QTest::currentTestFailed())
        return;
    TurnView *first = m_window->turnView();
    ModelPane *beta = paneFor(QStringLiteral("emu/beta"));
    QVERIFY(beta->retryButton()->isVisible());
    QVERIFY(beta->retryButton()->isEnabled());
    QTest::mouseClick(beta->retryButton(), Qt::LeftButton);

    QTRY_COMPARE(m_window->chatView()->turns().size(), 2);
    TurnView *retry = m_window->turnView();
    QVERIFY(retry != first);
    QVERIFY(first->isCollapsed());
    QVERIFY(retry->heading().startsWith(QStringLiteral("Retry of emu/beta")));
    QTRY_COMPARE_WITH_TIMEOUT(retry->answerPane()->badgeText(), QStringLiteral("done"), kTurnTimeoutMs);
    QCOMPARE(retry->turn().answer, kWriterText);
}

void MainWindowTest::guidedMergeRewritesAnswer()
{
    runAlphaBetaTurn(QStringLiteral("Merge with care."));
    if (QTest::currentTestFailed())
        return;
    // The picked models run no analyst, so the test hands the view one.
    const QJsonObject analysis{
        {QStringLiteral("consensus"), QJsonArray{QStringLiteral("Keep the ostrich plan")}},
        {QStringLiteral("unique_insights"),
         QJsonArray{QJsonObject{{QStringLiteral("model"), QStringLiteral("emu/gamma")},
                                {QStringLiteral("insight"), QStringLiteral("Counting sort for ages")}}}},
        {QStringLiteral("blind_spots"), QJsonArray{QStringLiteral("Locale-aware comparison")}},
    };
    TurnView *source = m_window->turnView();
    AnalysisView *view = source->analysisView();
    view->setAnalysis(analysis);
    QCOMPARE(view->pointCount(), 3);
    view->pointBoxes().at(2)->setChecked(false);

    // A model link brings that model's pane forward.
    m_window->layoutAction(PaneLayout::Tabs)->trigger();
    Q_EMIT view->modelActivated(QStringLiteral("emu/gamma"));
    auto *tabs = qobject_cast<QTabWidget *>(source->paneContainer()->arrangement());
    QVERIFY(tabs);
    QCOMPARE(tabs->currentWidget(), paneFor(QStringLiteral("emu/gamma")));

    QTest::mouseClick(view->rewriteButton(), Qt::LeftButton);
    QTRY_COMPARE(m_window->chatView()->turns().size(), 2);
    TurnView *rewrite = m_window->turnView();
    QVERIFY(rewrite->heading().startsWith(QStringLiteral("Rewrite from ticked points")));
    QTRY_COMPARE_WITH_TIMEOUT(rewrite->answerPane()->badgeText(), QStringLiteral("done"), kTurnTimeoutMs);

    // The writer's prompt contains the ticked points and not the unticked one.
    QString writerPrompt;
    for (const QJsonValue &request : m_emulator.receivedRequests()) {
        const QJsonObject body = request.toObject().value(QStringLiteral("body")).toObject();
        if (body.value(QStringLiteral("model")).toString() != QStringLiteral("emu/writer"))
            continue;
        for (const QJsonValue &message : body.value(QStringLiteral("messages")).toArray())
            writerPrompt = message.toObject().value(QStringLiteral("content")).toString();
    }
    QVERIFY2(writerPrompt.contains(QStringLiteral("Counting sort for ages")), qPrintable(writerPrompt.left(400)));
    QVERIFY(writerPrompt.contains(QStringLiteral("Keep the ostrich plan")));
    QVERIFY(!writerPrompt.contains(QStringLiteral("Locale-aware comparison")));
}

QTEST_MAIN(MainWindowTest)
#include "tst_MainWindow.moc"
