#include "EmulatorProcess.h"

#include "MainWindow.h"
#include "ModelListModel.h"
#include "ModelPickerWidget.h"
#include "SettingsDialog.h"

#include <QAbstractItemModel>
#include <QComboBox>
#include <QDirIterator>
#include <QJsonArray>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QUuid>

using namespace Consilium;
using namespace Consilium::App;
using namespace Consilium::Testing;

namespace {

// Everything the app logs, kept to be searched for the key afterwards.
QByteArray g_log;

void keepMessage(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    g_log += QByteArray(context.category ? context.category : "") + ": " + message.toUtf8() + '\n';
}

QJsonObject model(const QString &id, const QString &text)
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("pricing"), QJsonObject{{QStringLiteral("prompt"), QStringLiteral("0.000001")},
                                                               {QStringLiteral("completion"), QStringLiteral("0.000002")}}},
                       {QStringLiteral("reply"), QJsonObject{{QStringLiteral("text"), text}}},
                       {QStringLiteral("ttft_ms"), 20},
                       {QStringLiteral("tokens_per_second"), 400}};
}

} // namespace

// Runs a whole turn in the real window with a recognisable API key and
// every logging category at debug level, closes the window, and searches
// every file the app wrote under a private home folder, and its log, for
// the key.
class AppSecretLeakTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void keyAbsentAfterTurn();

private:
    QStringList filesContainingKey() const;

    QTemporaryDir m_home;
    QByteArray m_key;
    EmulatorProcess m_emulator;
};

void AppSecretLeakTest::initTestCase()
{
    QVERIFY(m_home.isValid());
    // QStandardPaths reads these on every call, so the app writes its
    // settings, chats and caches under the temporary folder.
    for (const char *name : {"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"}) {
        const QString folder = m_home.filePath(QString::fromLatin1(name).toLower());
        QVERIFY(QDir().mkpath(folder));
        qputenv(name, folder.toUtf8());
    }
    qunsetenv("OPENROUTER_BASE_URL");
    qunsetenv("OPENROUTER_API_KEY");
    QCoreApplication::setOrganizationName(QStringLiteral("ConsiliumLeakTest"));
    QCoreApplication::setApplicationName(QStringLiteral("consilium"));
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true"));
    qInstallMessageHandler(keepMessage);

    m_key = "sk-or-v1-canary-" + QUuid::createUuid().toByteArray(QUuid::Id128);
    QVERIFY2(m_emulator.start(QJsonObject{{QStringLiteral("models"),
                                           QJsonArray{model(QStringLiteral("emu/a"), QStringLiteral("Alpha says hi.")),
                                                      model(QStringLiteral("emu/w"), QStringLiteral("Fused hi."))}}}),
             qPrintable(m_emulator.error()));
}

QStringList AppSecretLeakTest::filesContainingKey() const
{
    QStringList found;
    QDirIterator it(m_home.path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(m_key))
            found.append(file.fileName());
    }
    return found;
}

void AppSecretLeakTest::keyAbsentAfterTurn()
{
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.settingsAction()->trigger();
        auto *dialog = window.findChild<SettingsDialog *>(QStringLiteral("settingsDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        dialog->findChild<QLineEdit *>(QStringLiteral("baseUrlEdit"))->setText(m_emulator.baseUrl().toString());
        dialog->findChild<QLineEdit *>(QStringLiteral("apiKeyEdit"))->setText(QString::fromLatin1(m_key));
        dialog->accept();
        QTRY_COMPARE(window.picker()->listModel()->rowCount(), 2);

        QAbstractItemModel *models = window.picker()->view()->model();
        const QModelIndexList alpha = models->match(models->index(0, ModelListModel::IdColumn),
                                                    ModelListModel::ModelIdRole, QStringLiteral("emu/a"), 1,
                                                    Qt::MatchExactly);
        QVERIFY(!alpha.isEmpty());
        QVERIFY(models->setData(alpha.first(), Qt::Checked, Qt::CheckStateRole));
        window.picker()->writerBox()->setCurrentIndex(window.picker()->writerBox()->findText(QStringLiteral("emu/w")));

        auto *editor = window.findChild<QPlainTextEdit *>(QStringLiteral("promptEditor"));
        QVERIFY(editor);
        editor->setPlainText(QStringLiteral("Say hi."));
        QVERIFY(window.sendAction()->isEnabled());
        window.sendAction()->trigger();
        QVERIFY(window.isTurnRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!window.isTurnRunning(), 20'000);
    } // closing the window saves settings and stops the chat recorder

    QVERIFY2(g_log.contains("consilium."), "debug logging was not captured, so the check would prove little");
    QVERIFY2(g_log.contains("emu/a"), "the turn did not run");
    QVERIFY2(!g_log.contains(m_key), "the key appeared in the log");
    QVERIFY(QDirIterator(m_home.path(), QDir::Files, QDirIterator::Subdirectories).hasNext());
    const QStringList leaks = filesContainingKey();
    QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u' ')));
}

QTEST_MAIN(AppSecretLeakTest)
#include "tst_AppSecretLeak.moc"
