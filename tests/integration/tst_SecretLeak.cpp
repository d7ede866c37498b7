#include "EmulatorProcess.h"
#include "ScenarioBuilder.h"

#include <QDirIterator>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Consilium::Testing;

// Runs consilium-cli with a recognisable API key and every log category
// at debug level, then searches everything it printed and every file it
// wrote for the key.
class TestSecretLeak : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void keyAbsentAfterRun_data();
    void keyAbsentAfterRun();

private:
    QProcessEnvironment childEnvironment() const;
    QStringList filesContainingKey() const;

    QTemporaryDir m_home;
    QByteArray m_key;
    EmulatorProcess m_emulator;
};

void TestSecretLeak::initTestCase()
{
    m_key = "sk-or-v1-canary-" + QUuid::createUuid().toByteArray(QUuid::Id128);
    QJsonObject locked = fixedModel(QStringLiteral("emu/locked"), QStringLiteral("never"), 1, 1);
    locked.insert(QStringLiteral("fault"), QJsonObject{{QStringLiteral("kind"), QStringLiteral("http_error")},
                                                       {QStringLiteral("status"), 401}});
    QVERIFY2(m_emulator.start(scenario({fixedModel(QStringLiteral("emu/a"), QStringLiteral("Alpha."), 5, 2),
                                        fixedModel(QStringLiteral("emu/w"), QStringLiteral("Fused."), 9, 1),
                                        locked})),
             qPrintable(m_emulator.error()));
}

QProcessEnvironment TestSecretLeak::childEnvironment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const QString root = m_home.path();
    for (const char *name : {"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "TMPDIR"}) {
        const QString folder = root + u'/' + QString::fromLatin1(name).toLower();
        QDir().mkpath(folder);
        environment.insert(QString::fromLatin1(name), folder);
    }
    environment.insert(QStringLiteral("OPENROUTER_API_KEY"), QString::fromLatin1(m_key));
    environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true"));
    return environment;
}

QStringList TestSecretLeak::filesContainingKey() const
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

void TestSecretLeak::keyAbsentAfterRun_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("stored turn as JSON")
        << QStringList{QStringLiteral("--panel"), QStringLiteral("emu/a"), QStringLiteral("--writer"),
                       QStringLiteral("emu/w"), QStringLiteral("--json")}
        << 0;
    QTest::newRow("stored turn as a table")
        << QStringList{QStringLiteral("--panel"), QStringLiteral("emu/a"), QStringLiteral("--writer"),
                       QStringLiteral("emu/w")}
        << 0;
    QTest::newRow("rejected key") << QStringList{QStringLiteral("--panel"), QStringLiteral("emu/locked"),
                                                 QStringLiteral("--writer"), QStringLiteral("emu/w"),
                                                 QStringLiteral("--json")}
                                  << 1;
}

void TestSecretLeak::keyAbsentAfterRun()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);

    const QString database = m_home.filePath(QStringLiteral("xdg_data_home/conversations.db"));
    QProcess cli;
    cli.setProcessEnvironment(childEnvironment());
    cli.start(QStringLiteral(CONSILIUM_CLI_PATH),
              arguments + QStringList{QStringLiteral("--base-url"), m_emulator.baseUrl().toString(),
                                      QStringLiteral("--store"), database, QStringLiteral("What is a key?")});
    QVERIFY(cli.waitForFinished(30'000));
    const QByteArray output = cli.readAllStandardOutput();
    const QByteArray errors = cli.readAllStandardError();

    QCOMPARE(cli.exitCode(), exitCode);
    QVERIFY2(errors.contains("consilium."), "debug logging was not on, so the check would prove little");
    QVERIFY(QFile::exists(database));
    QVERIFY2(!output.contains(m_key), "the key appeared on standard output");
    QVERIFY2(!errors.contains(m_key), "the key appeared on standard error");
    const QStringList leaks = filesContainingKey();
    QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u' ')));
}

QTEST_GUILESS_MAIN(TestSecretLeak)
#include "tst_SecretLeak.moc"
