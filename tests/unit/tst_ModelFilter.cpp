#include "provider/ModelFilter.h"

#include <QTest>

using namespace Consilium;

// ModelFilter over a small catalogue with known, variable and missing prices.
class TestModelFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesRows_data();
    void matchesRows();

private:
    static ModelInfo model(const QString &id, const char *prompt, const char *completion, qint64 context,
                           const QStringList &inputs = {});
};

ModelInfo TestModelFilter::model(const QString &id, const char *prompt, const char *completion, qint64 context,
                                 const QStringList &inputs)
{
    ModelInfo info;
    info.id = id;
    info.name = id.section(u'/', 1).toUpper();
    info.promptPrice = TokenPrice::parse(QJsonValue(QString::fromLatin1(prompt)));
    info.completionPrice = TokenPrice::parse(QJsonValue(QString::fromLatin1(completion)));
    info.contextLength = context;
    info.inputModalities = inputs;
    return info;
}

void TestModelFilter::matchesRows_data()
{
    QTest::addColumn<ModelInfo>("candidate");
    QTest::addColumn<ModelFilter>("filter");
    QTest::addColumn<bool>("expected");

    const ModelInfo cheap = model(QStringLiteral("vendor/cheap"), "0.0000001", "0.0000004", 32'000);
    const ModelInfo pricey = model(QStringLiteral("vendor/pricey"), "0.000015", "0.000075", 200'000,
                                   {QStringLiteral("text"), QStringLiteral("image")});
    const ModelInfo router = model(QStringLiteral("router/auto"), "-1", "-1", 2'000'000);
    ModelInfo unpriced = model(QStringLiteral("local/llama"), "", "", 0);
    const ModelInfo embedder = model(QStringLiteral("vendor/text-embed-3"), "0.00000002", "0", 8'000);

    ModelFilter byText;
    byText.text = QStringLiteral("CHEAP");
    ModelFilter byName;
    byName.text = QStringLiteral("price");
    ModelFilter capOneDollar;
    capOneDollar.maxPromptPerMillion = Money::fromDecimalString(u"1");
    ModelFilter bigContext;
    bigContext.minContextLength = 100'000;
    ModelFilter images;
    images.inputModality = QStringLiteral("image");

    QTest::newRow("text matches id, any case") << cheap << byText << true;
    QTest::newRow("text matches name") << pricey << byName << true;
    QTest::newRow("text misses") << router << byText << false;
    QTest::newRow("price under cap") << cheap << capOneDollar << true;
    QTest::newRow("price over cap") << pricey << capOneDollar << false;
    QTest::newRow("variable price fails cap") << router << capOneDollar << false;
    QTest::newRow("unknown price fails cap") << unpriced << capOneDollar << false;
    QTest::newRow("unknown price passes no cap") << unpriced << ModelFilter() << true;
    QTest::newRow("context long enough") << pricey << bigContext << true;
    QTest::newRow("context too short") << cheap << bigContext << false;
    QTest::newRow("unknown context fails minimum") << unpriced << bigContext << false;
    QTest::newRow("image input listed") << pricey << images << true;
    QTest::newRow("no modalities means text only") << cheap << images << false;
    QTest::newRow("embedding model hidden") << embedder << ModelFilter() << false;
}

void TestModelFilter::matchesRows()
{
    QFETCH(ModelInfo, candidate);
    QFETCH(ModelFilter, filter);
    QFETCH(bool, expected);
    QCOMPARE(filter.matches(candidate), expected);
}

QTEST_GUILESS_MAIN(TestModelFilter)
#include "tst_ModelFilter.moc"
