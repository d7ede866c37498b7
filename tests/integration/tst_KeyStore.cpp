#include "provider/KeyStore.h"
#include "provider/ProviderProfile.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>

using namespace Consilium;

// KeyStore through the real QtKeychain API. Where no keychain service
// runs (CI, bare X sessions) the store must say so and fall back to a
// session key; where one runs, a key must survive a save and load.
class TestKeyStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void environmentOverridesEverything();
    void sessionKeyIsUsedWhenSet();
    void keychainSavesOrReportsMissing();
    void missingEntryLoadsEmpty();

private:
    static QString testService();
    static ProviderProfile testProfile();
};

QString TestKeyStore::testService()
{
    return QStringLiteral("Consilium-test-%1").arg(QCoreApplication::applicationPid());
}

ProviderProfile TestKeyStore::testProfile()
{
    ProviderProfile profile = ProviderProfile::openRouter();
    profile.id = QStringLiteral("keystore-test");
    profile.apiKeyVariable = QStringLiteral("CONSILIUM_KEYSTORE_TEST_KEY");
    return profile;
}

void TestKeyStore::init()
{
    qunsetenv("CONSILIUM_KEYSTORE_TEST_KEY");
}

void TestKeyStore::environmentOverridesEverything()
{
    qputenv("CONSILIUM_KEYSTORE_TEST_KEY", "sk-from-environment");
    KeyStore store(testService());
    store.useForSession(testProfile().id, QStringLiteral("sk-from-session"));
    QSignalSpy loaded(&store, &KeyStore::keyLoaded);
    store.load(testProfile());

    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 10'000);
    QCOMPARE(loaded.first().at(1).toString(), QStringLiteral("sk-from-environment"));
    QCOMPARE(loaded.first().at(2).value<KeySource>(), KeySource::Environment);
}

void TestKeyStore::sessionKeyIsUsedWhenSet()
{
    KeyStore store(testService());
    store.useForSession(testProfile().id, QStringLiteral("sk-from-session"));
    QSignalSpy loaded(&store, &KeyStore::keyLoaded);
    store.load(testProfile());

    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 10'000);
    QCOMPARE(loaded.first().at(1).toString(), QStringLiteral("sk-from-session"));
    QCOMPARE(loaded.first().at(2).value<KeySource>(), KeySource::Session);
}

void TestKeyStore::keychainSavesOrReportsMissing()
{
    KeyStore store(testService());
    QSignalSpy saved(&store, &KeyStore::saved);
    QSignalSpy failed(&store, &KeyStore::failed);
    QSignalSpy missing(&store, &KeyStore::keychainMissing);
    store.save(testProfile().id, QStringLiteral("sk-keychain-round-trip"));
    QTRY_VERIFY_WITH_TIMEOUT(saved.size() + failed.size() > 0, 20'000);

    const bool keychainExpected = qEnvironmentVariableIsSet("CONSILIUM_EXPECT_KEYCHAIN");
    if (keychainExpected)
        QVERIFY2(failed.isEmpty(), qPrintable(failed.isEmpty() ? QString() : failed.first().at(1).toString()));
    if (!failed.isEmpty()) {
        // No keychain here: the store must say so in words a user can act on.
        QCOMPARE(missing.size(), 1);
        QVERIFY(store.keychainUnavailable());
        QVERIFY(missing.first().at(0).toString().contains(QStringLiteral("until it quits")));
        QVERIFY(!failed.first().at(1).toString().contains(QStringLiteral("sk-keychain-round-trip")));
        return;
    }

    QSignalSpy loaded(&store, &KeyStore::keyLoaded);
    store.load(testProfile());
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 20'000);
    QCOMPARE(loaded.first().at(1).toString(), QStringLiteral("sk-keychain-round-trip"));
    QCOMPARE(loaded.first().at(2).value<KeySource>(), KeySource::Keychain);

    QSignalSpy removed(&store, &KeyStore::removed);
    store.remove(testProfile().id);
    QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 1, 20'000);
}

void TestKeyStore::missingEntryLoadsEmpty()
{
    KeyStore store(testService());
    QSignalSpy loaded(&store, &KeyStore::keyLoaded);
    ProviderProfile profile = testProfile();
    profile.id = QStringLiteral("keystore-test-never-saved");
    store.load(profile);

    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 20'000);
    QVERIFY(loaded.first().at(1).toString().isEmpty());
    QCOMPARE(loaded.first().at(2).value<KeySource>(), KeySource::None);
}

QTEST_GUILESS_MAIN(TestKeyStore)
#include "tst_KeyStore.moc"
