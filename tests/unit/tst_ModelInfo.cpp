#include "provider/ModelInfo.h"

#include <QJsonValue>
#include <QTest>

using namespace Consilium;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kOpenRouterCatalogue = QByteArrayLiteral(
    R"({"data":[)"
    R"({"id":"vendor/model-a","name":"Model A","context_length":200000,)"
    R"("pricing":{"prompt":"0.000003","completion":"0.000015","input_cache_read":"0.0000003","web_search":"0.01"}},)"
    R"({"id":"openrouter/auto","name":"Auto Router","context_length":2000000,)"
    R"("pricing":{"prompt":"-1","completion":"-1"}},)"
    R"json({"id":"vendor/small-model:free","name":"Small (free)","pricing":{"prompt":"0","completion":"0"}})json"
    R"(]})");

const QByteArray kLocalCatalogue = QByteArrayLiteral(
    R"({"object":"list","data":[)"
    R"({"id":"some/chat-model","object":"model","owned_by":"x"},)"
    R"({"id":"text-embedding-some-embed-v1.5","object":"model"})"
    R"(]})");

} // namespace

class TestModelInfo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void catalogueWithPrices();
    void routerPriceVaries();
    void freeModelPriceKnown();
    void localCatalogueWithoutPrices();
    void catalogueAsBareArray();
    void entriesWithoutIdSkipped();
    void invalidCatalogueFails_data();
    void invalidCatalogueFails();
    void tokenPriceParsed_data();
    void tokenPriceParsed();
    void perMillionText_data();
    void perMillionText();
    void chatModelDetected_data();
    void chatModelDetected();
};

void TestModelInfo::catalogueWithPrices()
{
    const Result<QList<ModelInfo>> models = parseModelCatalogue(kOpenRouterCatalogue);
    QVERIFY2(models.ok(), qPrintable(models.error()));
    QCOMPARE(models->size(), 3);

    const ModelInfo &model = models->at(0);
    QCOMPARE(model.id, u"vendor/model-a");
    QCOMPARE(model.displayName(), u"Model A");
    QCOMPARE(model.contextLength, 200000);
    QCOMPARE(model.promptPrice.perMillionText(), u"$3.00");
    QCOMPARE(model.completionPrice.perMillionText(), u"$15.00");
    QCOMPARE(model.cacheReadPrice.perMillionText(), u"$0.30");
    QCOMPARE(model.promptPrice.perToken->picoUsd(), 3'000'000);
    QCOMPARE(model.completionPrice.perToken->picoUsd(), 15'000'000);
    QCOMPARE(model.cacheReadPrice.perToken->picoUsd(), 300'000);
    QVERIFY(model.isChatModel());
}

void TestModelInfo::routerPriceVaries()
{
    const Result<QList<ModelInfo>> models = parseModelCatalogue(kOpenRouterCatalogue);
    QVERIFY2(models.ok(), qPrintable(models.error()));

    const ModelInfo &router = models->at(1);
    QCOMPARE(router.id, u"openrouter/auto");
    QCOMPARE(router.contextLength, 2000000);
    QVERIFY(router.promptPrice.varies);
    QVERIFY(router.completionPrice.varies);
    // A varying price has no per-token amount, so no cost is computed from it.
    QVERIFY(!router.promptPrice.isKnown());
    QVERIFY(!router.completionPrice.isKnown());
    QCOMPARE(router.promptPrice.perMillionText(), u"varies");
    QCOMPARE(router.completionPrice.perMillionText(), u"varies");
    QCOMPARE(router.cacheReadPrice.perMillionText(), u"unknown");
}

void TestModelInfo::freeModelPriceKnown()
{
    const Result<QList<ModelInfo>> models = parseModelCatalogue(kOpenRouterCatalogue);
    QVERIFY2(models.ok(), qPrintable(models.error()));

    const ModelInfo &freeModel = models->at(2);
    QCOMPARE(freeModel.id, u"vendor/small-model:free");
    QCOMPARE(freeModel.displayName(), u"Small (free)");
    QCOMPARE(freeModel.contextLength, 0);
    QVERIFY(freeModel.promptPrice.isKnown());
    QVERIFY(freeModel.completionPrice.isKnown());
    QVERIFY(!freeModel.promptPrice.varies);
    QCOMPARE(freeModel.promptPrice.perToken->picoUsd(), 0);
    QCOMPARE(freeModel.promptPrice.perMillionText(), u"$0.00");
    QCOMPARE(freeModel.completionPrice.perMillionText(), u"$0.00");
}

void TestModelInfo::localCatalogueWithoutPrices()
{
    const Result<QList<ModelInfo>> models = parseModelCatalogue(kLocalCatalogue);
    QVERIFY2(models.ok(), qPrintable(models.error()));
    QCOMPARE(models->size(), 2);

    const ModelInfo &chat = models->at(0);
    QCOMPARE(chat.name, QString());
    QCOMPARE(chat.displayName(), u"some/chat-model");
    QCOMPARE(chat.contextLength, 0);
    QVERIFY(!chat.promptPrice.isKnown());
    QVERIFY(!chat.promptPrice.varies);
    QCOMPARE(chat.promptPrice.perMillionText(), u"unknown");
    QVERIFY(chat.isChatModel());

    const ModelInfo &embedding = models->at(1);
    QCOMPARE(embedding.displayName(), u"text-embedding-some-embed-v1.5");
    QVERIFY(!embedding.isChatModel());
}

void TestModelInfo::catalogueAsBareArray()
{
    const Result<QList<ModelInfo>> models =
        parseModelCatalogue(QByteArrayLiteral(R"([{"id":"a/one"},{"id":"b/two","name":"Two"}])"));
    QVERIFY2(models.ok(), qPrintable(models.error()));

    QCOMPARE(models->size(), 2);
    QCOMPARE(models->at(0).displayName(), u"a/one");
    QCOMPARE(models->at(1).displayName(), u"Two");
}

void TestModelInfo::entriesWithoutIdSkipped()
{
    const Result<QList<ModelInfo>> models = parseModelCatalogue(QByteArrayLiteral(
        R"({"data":[{"name":"No id"},{"id":"","name":"Empty id"},{"id":42},"text",null,{"id":"vendor/kept"}]})"));
    QVERIFY2(models.ok(), qPrintable(models.error()));

    QCOMPARE(models->size(), 1);
    QCOMPARE(models->first().id, u"vendor/kept");
}

void TestModelInfo::invalidCatalogueFails_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expectedStart");

    QTest::newRow("truncated") << QByteArrayLiteral(R"({"data":[{"id":"a")")
                               << u"The model list is not valid JSON"_s;
    QTest::newRow("html page") << QByteArrayLiteral("<html>Not Found</html>")
                               << u"The model list is not valid JSON"_s;
    QTest::newRow("empty") << QByteArray() << u"The model list is not valid JSON"_s;
    QTest::newRow("object without data") << QByteArrayLiteral(R"({"object":"list"})")
                                         << u"The model list has no \"data\" array"_s;
    QTest::newRow("data not an array") << QByteArrayLiteral(R"({"data":{"id":"a"}})")
                                       << u"The model list has no \"data\" array"_s;
}

void TestModelInfo::invalidCatalogueFails()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expectedStart);

    const Result<QList<ModelInfo>> models = parseModelCatalogue(json);

    QVERIFY(!models.ok());
    QVERIFY2(models.error().startsWith(expectedStart), qPrintable(models.error()));
}

void TestModelInfo::tokenPriceParsed_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<bool>("expectedKnown");
    QTest::addColumn<bool>("expectedVaries");
    QTest::addColumn<qint64>("expectedPico");

    QTest::newRow("decimal string") << QJsonValue(u"0.000003"_s) << true << false << qint64(3'000'000);
    QTest::newRow("sub-micro string") << QJsonValue(u"0.0000003"_s) << true << false << qint64(300'000);
    QTest::newRow("exponent string") << QJsonValue(u"1e-6"_s) << true << false << qint64(1'000'000);
    QTest::newRow("json number") << QJsonValue(0.000003) << true << false << qint64(3'000'000);
    QTest::newRow("zero string") << QJsonValue(u"0"_s) << true << false << qint64(0);
    QTest::newRow("minus one string") << QJsonValue(u"-1"_s) << false << true << qint64(0);
    QTest::newRow("minus one number") << QJsonValue(-1) << false << true << qint64(0);
    QTest::newRow("null") << QJsonValue(QJsonValue::Null) << false << false << qint64(0);
    QTest::newRow("missing") << QJsonValue(QJsonValue::Undefined) << false << false << qint64(0);
    QTest::newRow("not a number") << QJsonValue(u"free"_s) << false << false << qint64(0);
}

void TestModelInfo::tokenPriceParsed()
{
    QFETCH(QJsonValue, value);
    QFETCH(bool, expectedKnown);
    QFETCH(bool, expectedVaries);
    QFETCH(qint64, expectedPico);

    const TokenPrice price = TokenPrice::parse(value);

    QCOMPARE(price.isKnown(), expectedKnown);
    QCOMPARE(price.varies, expectedVaries);
    if (expectedKnown)
        QCOMPARE(price.perToken->picoUsd(), expectedPico);
}

void TestModelInfo::perMillionText_data()
{
    QTest::addColumn<QString>("perToken");
    QTest::addColumn<QString>("expectedText");

    QTest::newRow("three dollars") << u"0.000003"_s << u"$3.00"_s;
    QTest::newRow("fifteen dollars") << u"0.000015"_s << u"$15.00"_s;
    QTest::newRow("thirty cents") << u"0.0000003"_s << u"$0.30"_s;
    QTest::newRow("two cents") << u"0.00000002"_s << u"$0.02"_s;
    QTest::newRow("below a cent") << u"0.0000000042"_s << u"$0.0042"_s;
    QTest::newRow("free") << u"0"_s << u"$0.00"_s;
    QTest::newRow("varies") << u"-1"_s << u"varies"_s;
    QTest::newRow("unreadable") << u"n/a"_s << u"unknown"_s;
}

void TestModelInfo::perMillionText()
{
    QFETCH(QString, perToken);
    QFETCH(QString, expectedText);

    QCOMPARE(TokenPrice::parse(QJsonValue(perToken)).perMillionText(), expectedText);
}

void TestModelInfo::chatModelDetected_data()
{
    QTest::addColumn<QByteArray>("entry");
    QTest::addColumn<bool>("expectedChat");

    QTest::newRow("text output") << QByteArrayLiteral(
        R"({"id":"a/b","architecture":{"input_modalities":["text","image"],"output_modalities":["text"]}})")
                                 << true;
    QTest::newRow("text and image output") << QByteArrayLiteral(
        R"({"id":"a/b","architecture":{"output_modalities":["image","text"]}})")
                                           << true;
    QTest::newRow("image output only") << QByteArrayLiteral(
        R"({"id":"a/painter","architecture":{"output_modalities":["image"]}})")
                                       << false;
    QTest::newRow("no modalities") << QByteArrayLiteral(R"({"id":"a/b"})") << true;
    QTest::newRow("embed in id, any case") << QByteArrayLiteral(R"({"id":"a/Text-Embedding-3"})")
                                           << false;
}

void TestModelInfo::chatModelDetected()
{
    QFETCH(QByteArray, entry);
    QFETCH(bool, expectedChat);

    const Result<QList<ModelInfo>> models = parseModelCatalogue(QByteArray("{\"data\":[" + entry + "]}"));
    QVERIFY2(models.ok(), qPrintable(models.error()));
    QCOMPARE(models->size(), 1);

    QCOMPARE(models->first().isChatModel(), expectedChat);
}

QTEST_APPLESS_MAIN(TestModelInfo)
#include "tst_ModelInfo.moc"
