#include "EmulatorProcess.h"
#include "ScenarioBuilder.h"

#include "provider/LocalServerProbe.h"
#include "provider/ModelCatalogue.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Consilium;
using namespace Consilium::Testing;

// The model catalogue over HTTP, its disk cache, and the probe for local
// servers, against the emulator.
class TestModelCatalogue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fetchReadsPrices();
    void cacheServesNextStart();
    void cacheOfOtherEndpointIgnored();
    void httpErrorNamesTheFix();
    void probeFindsLocalServer();
    void probeIsSilentWhenAbsent();

private:
    Endpoint endpoint() const;

    EmulatorProcess m_emulator;
    QTemporaryDir m_directory;
};

void TestModelCatalogue::initTestCase()
{
    QJsonObject variable = fixedModel(QStringLiteral("router/auto"), QStringLiteral("x"), 1, 1);
    variable.insert(QStringLiteral("pricing"), pricing(QStringLiteral("-1"), QStringLiteral("-1")));
    QVERIFY2(m_emulator.start(scenario({
                 withField(fixedModel(QStringLiteral("vendor/model-a"), QStringLiteral("x"), 1, 1),
                           QStringLiteral("pricing"), pricing(QStringLiteral("0.000003"), QStringLiteral("0.000015"))),
                 variable,
                 withField(fixedModel(QStringLiteral("vendor/free"), QStringLiteral("x"), 1, 1),
                           QStringLiteral("pricing"), pricing(QStringLiteral("0"), QStringLiteral("0"))),
             })),
             qPrintable(m_emulator.error()));
}

Endpoint TestModelCatalogue::endpoint() const
{
    Endpoint result;
    result.baseUrl = m_emulator.baseUrl();
    return result;
}

void TestModelCatalogue::fetchReadsPrices()
{
    ModelCatalogue catalogue;
    QSignalSpy updated(&catalogue, &ModelCatalogue::updated);
    catalogue.refresh(endpoint());
    QVERIFY(updated.wait(10'000));

    QCOMPARE(catalogue.models().size(), 3);
    const ModelInfo *model = catalogue.find(QStringLiteral("vendor/model-a"));
    QVERIFY(model);
    QCOMPARE(model->promptPrice.perMillionText(), QStringLiteral("$3.00"));
    QCOMPARE(model->completionPrice.perMillionText(), QStringLiteral("$15.00"));
    QCOMPARE(catalogue.find(QStringLiteral("router/auto"))->promptPrice.perMillionText(), QStringLiteral("varies"));
    QCOMPARE(catalogue.find(QStringLiteral("vendor/free"))->completionPrice.perMillionText(), QStringLiteral("$0.00"));
    QVERIFY(!catalogue.find(QStringLiteral("vendor/unlisted")));
    QVERIFY(catalogue.fetchedAtMs() > 0);
}

void TestModelCatalogue::cacheServesNextStart()
{
    const QString cacheFile = m_directory.filePath(QStringLiteral("catalogue-openrouter.json"));
    {
        ModelCatalogue first;
        first.setCacheFile(cacheFile);
        QSignalSpy updated(&first, &ModelCatalogue::updated);
        first.refresh(endpoint());
        QVERIFY(updated.wait(10'000));
    }

    ModelCatalogue second;
    second.setCacheFile(cacheFile);
    QVERIFY(second.loadCache(endpoint().baseUrl));
    QCOMPARE(second.models().size(), 3);
    QCOMPARE(second.find(QStringLiteral("vendor/model-a"))->promptPrice.perToken->picoUsd(), 3'000'000);
    QVERIFY(second.fetchedAtMs() > 0);
}

void TestModelCatalogue::cacheOfOtherEndpointIgnored()
{
    const QString cacheFile = m_directory.filePath(QStringLiteral("catalogue-other.json"));
    ModelCatalogue first;
    first.setCacheFile(cacheFile);
    QSignalSpy updated(&first, &ModelCatalogue::updated);
    first.refresh(endpoint());
    QVERIFY(updated.wait(10'000));

    ModelCatalogue second;
    second.setCacheFile(cacheFile);
    QVERIFY(!second.loadCache(QUrl(QStringLiteral("http://127.0.0.1:9/v1"))));
    QVERIFY(second.models().isEmpty());
}

void TestModelCatalogue::httpErrorNamesTheFix()
{
    Endpoint wrongPath = endpoint();
    wrongPath.baseUrl.setPath(QStringLiteral("/no/such/api"));
    ModelCatalogue catalogue;
    QSignalSpy failed(&catalogue, &ModelCatalogue::failed);
    catalogue.refresh(wrongPath);
    QVERIFY(failed.wait(10'000));

    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(QStringLiteral("HTTP 404")), qPrintable(message));
}

void TestModelCatalogue::probeFindsLocalServer()
{
    Endpoint local = endpoint();
    local.providerId = QStringLiteral("ollama");
    LocalServerProbe probe;
    QSignalSpy found(&probe, &LocalServerProbe::found);
    QSignalSpy finished(&probe, &LocalServerProbe::finished);
    probe.probe({local});
    QVERIFY(finished.wait(5000));

    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().at(0).value<Endpoint>().providerId, QStringLiteral("ollama"));
    QCOMPARE(found.first().at(1).toInt(), 3);
}

void TestModelCatalogue::probeIsSilentWhenAbsent()
{
    // A port where nothing listens: stop a second emulator first.
    QUrl closed;
    {
        EmulatorProcess gone;
        QVERIFY2(gone.start(scenario({fixedModel(QStringLiteral("x"), QStringLiteral("x"), 1, 1)})),
                 qPrintable(gone.error()));
        closed = gone.baseUrl();
    }
    Endpoint absent;
    absent.providerId = QStringLiteral("lmstudio");
    absent.baseUrl = closed;
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    LocalServerProbe probe;
    QSignalSpy found(&probe, &LocalServerProbe::found);
    QSignalSpy finished(&probe, &LocalServerProbe::finished);
    probe.probe({absent});
    QVERIFY(finished.wait(5000));
    QCOMPARE(found.size(), 0);
}

QTEST_GUILESS_MAIN(TestModelCatalogue)
#include "tst_ModelCatalogue.moc"
