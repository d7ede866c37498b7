#include "common/Money.h"

#include <QTest>

#include <limits>

using namespace Consilium;
using namespace Qt::StringLiterals;

class TestMoney : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decimalStringParsed_data();
    void decimalStringParsed();
    void decimalStringRejected_data();
    void decimalStringRejected();
    void sumOfSmallPricesExact();
    void decimalStringRoundTrip_data();
    void decimalStringRoundTrip();
    void displayStringShowsSmallAmounts_data();
    void displayStringShowsSmallAmounts();
    void fromUsdNearestPico_data();
    void fromUsdNearestPico();
    void roundedMicroUsd_data();
    void roundedMicroUsd();
    void arithmeticAndOrder();
};

void TestMoney::decimalStringParsed_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expectedPico");

    QTest::newRow("three per million") << u"0.000003"_s << qint64(3'000'000);
    QTest::newRow("three tenths per million") << u"0.0000003"_s << qint64(300'000);
    QTest::newRow("exponent") << u"1e-6"_s << qint64(1'000'000);
    QTest::newRow("capital exponent") << u"1E-6"_s << qint64(1'000'000);
    QTest::newRow("exponent with fraction") << u"2.5e-7"_s << qint64(250'000);
    QTest::newRow("positive exponent") << u"1.5e2"_s << qint64(150'000'000'000'000);
    QTest::newRow("minus one") << u"-1"_s << qint64(-1'000'000'000'000);
    QTest::newRow("whole dollars") << u"15"_s << qint64(15'000'000'000'000);
    QTest::newRow("zero") << u"0"_s << qint64(0);
    QTest::newRow("explicit plus") << u"+2"_s << qint64(2'000'000'000'000);
    QTest::newRow("surrounding spaces") << u" 0.5 "_s << qint64(500'000'000'000);
    QTest::newRow("no leading digit") << u".5"_s << qint64(500'000'000'000);
    QTest::newRow("trailing dot") << u"5."_s << qint64(5'000'000'000'000);
    QTest::newRow("one pico") << u"0.000000000001"_s << qint64(1);
    QTest::newRow("half pico rounds up") << u"0.0000000000005"_s << qint64(1);
    QTest::newRow("below half pico rounds down") << u"0.0000000000004"_s << qint64(0);
    QTest::newRow("negative half pico rounds away") << u"-0.0000000000005"_s << qint64(-1);
    QTest::newRow("half pico as exponent") << u"5e-13"_s << qint64(1);
    QTest::newRow("far below a pico") << u"1e-20"_s << qint64(0);
    QTest::newRow("largest amount")
        << u"9223372.036854775807"_s << std::numeric_limits<qint64>::max();
}

void TestMoney::decimalStringParsed()
{
    QFETCH(QString, text);
    QFETCH(qint64, expectedPico);

    const std::optional<Money> money = Money::fromDecimalString(text);

    QVERIFY(money.has_value());
    QCOMPARE(money->picoUsd(), expectedPico);
}

void TestMoney::decimalStringRejected_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << QString();
    QTest::newRow("letters") << u"abc"_s;
    QTest::newRow("sign only") << u"-"_s;
    QTest::newRow("two dots") << u"1.2.3"_s;
    QTest::newRow("exponent without digits") << u"1e"_s;
    QTest::newRow("huge exponent") << u"1e500"_s;
    QTest::newRow("tiny exponent") << u"1e-500"_s;
    QTest::newRow("trailing text") << u"0.5 USD"_s;
    QTest::newRow("too large for pico-dollars") << u"10000000"_s;
    QTest::newRow("one pico above the maximum") << u"9223372.036854775808"_s;
    QTest::newRow("rounds above the maximum") << u"9223372.0368547758075"_s;
    QTest::newRow("non-ASCII digits") << u"٣"_s;
}

void TestMoney::decimalStringRejected()
{
    QFETCH(QString, text);

    const std::optional<Money> money = Money::fromDecimalString(text);

    QVERIFY2(!money.has_value(), qPrintable(money ? money->toDecimalString() : QString()));
}

void TestMoney::sumOfSmallPricesExact()
{
    const std::optional<Money> price = Money::fromDecimalString(u"0.000000123");
    QVERIFY(price.has_value());

    Money total;
    for (int i = 0; i < 100'000; ++i)
        total += *price;

    QCOMPARE(total.picoUsd(), 12'300'000'000);
    QCOMPARE(total.toDecimalString(), u"0.0123");
    QCOMPARE(*price * 100'000, total);
}

void TestMoney::decimalStringRoundTrip_data()
{
    QTest::addColumn<qint64>("pico");
    QTest::addColumn<QString>("expectedText");

    QTest::newRow("zero") << qint64(0) << u"0"_s;
    QTest::newRow("one pico") << qint64(1) << u"0.000000000001"_s;
    QTest::newRow("call cost") << qint64(26'000'000) << u"0.000026"_s;
    QTest::newRow("whole dollars") << qint64(15'000'000'000'000) << u"15"_s;
    QTest::newRow("dollars and fraction") << qint64(1'234'567'890'123) << u"1.234567890123"_s;
    QTest::newRow("minus one") << qint64(-1'000'000'000'000) << u"-1"_s;
    QTest::newRow("negative fraction") << qint64(-42) << u"-0.000000000042"_s;
    QTest::newRow("maximum") << std::numeric_limits<qint64>::max() << u"9223372.036854775807"_s;
}

void TestMoney::decimalStringRoundTrip()
{
    QFETCH(qint64, pico);
    QFETCH(QString, expectedText);
    const Money money = Money::fromPicoUsd(pico);

    const QString text = money.toDecimalString();
    QCOMPARE(text, expectedText);

    const std::optional<Money> parsed = Money::fromDecimalString(text);
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->picoUsd(), pico);
}

void TestMoney::displayStringShowsSmallAmounts_data()
{
    QTest::addColumn<QString>("amount");
    QTest::addColumn<QString>("expectedText");

    QTest::newRow("zero") << u"0"_s << u"$0.00"_s;
    QTest::newRow("one pico-dollar") << u"0.000000000001"_s << u"$0.000000000001"_s;
    QTest::newRow("forty pico-dollars") << u"0.00000000004"_s << u"$0.000000000040"_s;
    QTest::newRow("tiny call cost") << u"0.000042"_s << u"$0.000042"_s;
    QTest::newRow("call cost") << u"0.000026"_s << u"$0.000026"_s;
    QTest::newRow("below a cent") << u"0.0042"_s << u"$0.0042"_s;
    QTest::newRow("just below a cent") << u"0.009"_s << u"$0.0090"_s;
    QTest::newRow("one cent") << u"0.01"_s << u"$0.01"_s;
    QTest::newRow("dollar and a half") << u"1.5"_s << u"$1.50"_s;
    QTest::newRow("fifteen dollars") << u"15"_s << u"$15.00"_s;
}

void TestMoney::displayStringShowsSmallAmounts()
{
    QFETCH(QString, amount);
    QFETCH(QString, expectedText);
    const std::optional<Money> money = Money::fromDecimalString(amount);
    QVERIFY(money.has_value());

    const QString text = money->toDisplayString();

    QCOMPARE(text, expectedText);
    if (money->picoUsd() != 0)
        QVERIFY2(text != u"$0.00", qPrintable(text));
}

void TestMoney::fromUsdNearestPico_data()
{
    QTest::addColumn<double>("usd");
    QTest::addColumn<bool>("expectedValid");
    QTest::addColumn<qint64>("expectedPico");

    QTest::newRow("usage cost") << 0.00012 << true << qint64(120'000'000);
    QTest::newRow("per-token price") << 0.000003 << true << qint64(3'000'000);
    QTest::newRow("zero") << 0.0 << true << qint64(0);
    QTest::newRow("negative") << -0.5 << true << qint64(-500'000'000'000);
    QTest::newRow("one million") << 1e6 << true << qint64(1'000'000'000'000'000'000);
    QTest::newRow("above one million") << 2e6 << false << qint64(0);
    QTest::newRow("infinity") << std::numeric_limits<double>::infinity() << false << qint64(0);
    QTest::newRow("not a number") << std::numeric_limits<double>::quiet_NaN() << false << qint64(0);
}

void TestMoney::fromUsdNearestPico()
{
    QFETCH(double, usd);
    QFETCH(bool, expectedValid);
    QFETCH(qint64, expectedPico);

    const std::optional<Money> money = Money::fromUsd(usd);

    QCOMPARE(money.has_value(), expectedValid);
    if (expectedValid)
        QCOMPARE(money->picoUsd(), expectedPico);
}

void TestMoney::roundedMicroUsd_data()
{
    QTest::addColumn<qint64>("pico");
    QTest::addColumn<qint64>("expectedMicro");

    QTest::newRow("whole micro-dollars") << qint64(26'000'000) << qint64(26);
    QTest::newRow("just below half") << qint64(499'999) << qint64(0);
    QTest::newRow("half rounds up") << qint64(500'000) << qint64(1);
    QTest::newRow("negative half rounds away") << qint64(-500'000) << qint64(-1);
    QTest::newRow("negative below half") << qint64(-499'999) << qint64(0);
}

void TestMoney::roundedMicroUsd()
{
    QFETCH(qint64, pico);
    QFETCH(qint64, expectedMicro);

    QCOMPARE(Money::fromPicoUsd(pico).roundedMicroUsd(), expectedMicro);
}

void TestMoney::arithmeticAndOrder()
{
    const Money small = Money::fromMicroUsd(3);
    const Money large = Money::fromMicroUsd(15);

    QCOMPARE(small.picoUsd(), 3'000'000);
    QCOMPARE((small + large).picoUsd(), 18'000'000);
    QCOMPARE((small * 12).picoUsd(), 36'000'000);
    QVERIFY(small < large);
    QVERIFY(large > small);
    QVERIFY(Money() == Money::fromPicoUsd(0));
    QVERIFY(!Money().isNegative());
    QVERIFY(Money::fromPicoUsd(-1).isNegative());
    QCOMPARE(Money::fromPicoUsd(2'500'000'000'000).usd(), 2.5);
}

QTEST_APPLESS_MAIN(TestMoney)
#include "tst_Money.moc"
