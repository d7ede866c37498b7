#include "provider/ProviderError.h"

#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace Consilium;
using namespace Qt::StringLiterals;

namespace Consilium {

// Lets QCOMPARE print the names of error kinds instead of their numbers.
char *toString(ErrorKind kind)
{
    return QTest::toString(ProviderError::fromClient(kind, QString()).kindName());
}

} // namespace Consilium

namespace {

const QByteArray kJson = QByteArrayLiteral("application/json");

const QByteArray kContextLengthMessage = QByteArrayLiteral(
    "This model's maximum context length is 2048 tokens. However, you requested 2723 tokens");

const QByteArray kModerationBody = QByteArrayLiteral(
    R"({"error":{"code":403,"message":"vendor/model-a requires moderation on Guard. Your input was flagged for harassment.",)"
    R"("metadata":{"reasons":["harassment","violence"],"flagged_input":"you are a...","provider_name":"Guard","model_slug":"vendor/model-a"}}})");

} // namespace

class TestProviderError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void errorBodyMessage_data();
    void errorBodyMessage();
    void errorBodyMetadataKept();
    void userMessageShowsOtherCode_data();
    void userMessageShowsOtherCode();
    void creditsAdvice_data();
    void creditsAdvice();
    void creditsWithRetryAfterRetryable();
    void moderationNamesReasons();
    void forbiddenWithoutReasons();
    void authenticationNotModeration();
    void statusKindAndRetry_data();
    void statusKindAndRetry();
    void quotaRateLimitNotRetryable_data();
    void quotaRateLimitNotRetryable();
    void retryAfterParsed_data();
    void retryAfterParsed();
    void retryAfterDateInOtherZone();
    void streamErrorRead_data();
    void streamErrorRead();
    void clientErrorKept();
    void kindNamesStable_data();
    void kindNamesStable();
};

void TestProviderError::errorBodyMessage_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QString>("expectedMessage");
    QTest::addColumn<QString>("expectedCode");
    QTest::addColumn<QString>("expectedType");
    QTest::addColumn<ErrorKind>("expectedKind");

    QTest::newRow("openrouter rate limit")
        << 429
        << QByteArrayLiteral(R"({"error":{"code":429,"message":"vendor/model-a is temporarily rate-limited upstream. Please retry shortly.","metadata":{"provider_name":"Upstream"}}})")
        << kJson << u"vendor/model-a is temporarily rate-limited upstream. Please retry shortly."_s
        << u"429"_s << QString() << ErrorKind::RateLimited;
    QTest::newRow("vllm message at top level")
        << 400
        << QByteArrayLiteral(R"({"object":"error","message":")") + kContextLengthMessage
               + QByteArrayLiteral(R"(","type":"BadRequestError","param":null,"code":400})")
        << kJson << QString::fromUtf8(kContextLengthMessage) << u"400"_s << u"BadRequestError"_s
        << ErrorKind::BadRequest;
    QTest::newRow("vllm message inside error")
        << 400
        << QByteArrayLiteral(R"({"error":{"object":"error","message":")") + kContextLengthMessage
               + QByteArrayLiteral(R"(","type":"BadRequestError","param":null,"code":400}})")
        << kJson << QString::fromUtf8(kContextLengthMessage) << u"400"_s << u"BadRequestError"_s
        << ErrorKind::BadRequest;
    QTest::newRow("error as plain string")
        << 404 << QByteArrayLiteral("{\"error\":\"model 'x' not found\"}") << kJson
        << u"model 'x' not found"_s << QString() << QString() << ErrorKind::NotFound;
    QTest::newRow("error nested twice")
        << 402
        << QByteArrayLiteral(R"({"error":{"error":{"message":"More credits are required to run this request.","code":402},"code":402}})")
        << kJson << u"More credits are required to run this request."_s << u"402"_s << QString()
        << ErrorKind::Credits;
    QTest::newRow("error nested twice, code only outside")
        << 402
        << QByteArrayLiteral(R"({"error":{"error":{"message":"More credits are required."},"code":402}})")
        << kJson << u"More credits are required."_s << u"402"_s << QString() << ErrorKind::Credits;
    QTest::newRow("html proxy page")
        << 502
        << QByteArrayLiteral("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>")
        << QByteArrayLiteral("text/html") << u"HTTP 502 (non-JSON body)"_s << QString() << QString()
        << ErrorKind::Server;
    QTest::newRow("plain text body")
        << 503 << QByteArrayLiteral("upstream connect error or disconnect/reset before headers")
        << QByteArrayLiteral("text/plain") << u"HTTP 503 (non-JSON body)"_s << QString() << QString()
        << ErrorKind::Overloaded;
    QTest::newRow("openai string code")
        << 429
        << QByteArrayLiteral(R"({"error":{"message":"Rate limit reached for requests per min. Please try again in 20s.","type":"tokens","code":"rate_limit_exceeded"}})")
        << kJson << u"Rate limit reached for requests per min. Please try again in 20s."_s
        << u"rate_limit_exceeded"_s << u"tokens"_s << ErrorKind::RateLimited;
    QTest::newRow("error object inside an array")
        << 429
        << QByteArrayLiteral(R"([{"error":{"code":429,"message":"Resource has been exhausted.","status":"RESOURCE_EXHAUSTED"}}])")
        << kJson << u"Resource has been exhausted."_s << u"429"_s << QString()
        << ErrorKind::RateLimited;
    QTest::newRow("empty array")
        << 500 << QByteArrayLiteral("[]") << kJson << u"[]"_s << QString() << QString()
        << ErrorKind::Server;
    QTest::newRow("json type but broken body")
        << 500 << QByteArrayLiteral(R"({"error": "Internal)") << kJson
        << u"{\"error\": \"Internal"_s << QString() << QString() << ErrorKind::Server;
    QTest::newRow("json type with empty body")
        << 500 << QByteArray() << kJson << u"HTTP 500 with an empty body"_s << QString() << QString()
        << ErrorKind::Server;
    QTest::newRow("json charset parameter")
        << 401 << QByteArrayLiteral(R"({"error":{"message":"No auth credentials found","code":401}})")
        << QByteArrayLiteral("application/json; charset=utf-8") << u"No auth credentials found"_s
        << u"401"_s << QString() << ErrorKind::Authentication;
}

void TestProviderError::errorBodyMessage()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(QString, expectedMessage);
    QFETCH(QString, expectedCode);
    QFETCH(QString, expectedType);
    QFETCH(ErrorKind, expectedKind);

    const ProviderError error = ProviderError::fromHttpResponse(status, body, contentType);

    QCOMPARE(error.message, expectedMessage);
    QCOMPARE(error.code, expectedCode);
    QCOMPARE(error.type, expectedType);
    QCOMPARE(error.kind, expectedKind);
    QCOMPARE(error.httpStatus, status);
    QVERIFY(error.isError());
    QVERIFY(error.userMessage().startsWith(expectedMessage));
}

void TestProviderError::errorBodyMetadataKept()
{
    const ProviderError error = ProviderError::fromHttpResponse(
        429,
        QByteArrayLiteral(R"({"error":{"code":429,"message":"Rate limited upstream.","metadata":{"provider_name":"Upstream","raw":"slow down"}}})"),
        kJson);

    QCOMPARE(error.metadata.value(u"provider_name").toString(), u"Upstream");
    QCOMPARE(error.metadata.value(u"raw").toString(), u"slow down");
}

void TestProviderError::userMessageShowsOtherCode_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expectedMessage");

    QTest::newRow("string code appended")
        << QByteArrayLiteral(R"({"error":{"message":"Slow down.","type":"tokens","code":"rate_limit_exceeded"}})")
        << u"Slow down. (rate_limit_exceeded) Wait a moment and retry, or pick another model."_s;
    QTest::newRow("code equal to status left out")
        << QByteArrayLiteral(R"({"error":{"message":"Slow down.","code":429}})")
        << u"Slow down. Wait a moment and retry, or pick another model."_s;
}

void TestProviderError::userMessageShowsOtherCode()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, expectedMessage);

    const ProviderError error = ProviderError::fromHttpResponse(429, body, kJson);

    QCOMPARE(error.userMessage(), expectedMessage);
}

void TestProviderError::creditsAdvice_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("expectedAdvice");

    QTest::newRow("max tokens too high")
        << u"This request requires more credits, or fewer max_tokens. You requested up to 65536 tokens, but can only afford 3395."_s
        << u"Add credits or lower the max tokens setting."_s;
    QTest::newRow("no credits left") << u"Insufficient credits."_s << u"Add credits to the account."_s;
}

void TestProviderError::creditsAdvice()
{
    QFETCH(QString, message);
    QFETCH(QString, expectedAdvice);
    const QByteArray body = QByteArrayLiteral(R"({"error":{"code":402,"message":")") + message.toUtf8()
                            + QByteArrayLiteral(R"("}})");

    const ProviderError error = ProviderError::fromHttpResponse(402, body, kJson);

    QCOMPARE(error.kind, ErrorKind::Credits);
    QCOMPARE(error.kindName(), u"insufficient_credits");
    QCOMPARE(error.message, message);
    QVERIFY(!error.isRetryable());
    QCOMPARE(error.userMessage(), message + u' ' + expectedAdvice);
}

void TestProviderError::creditsWithRetryAfterRetryable()
{
    ProviderError error = ProviderError::fromHttpResponse(
        402, QByteArrayLiteral(R"({"error":{"code":402,"message":"Insufficient credits."}})"), kJson);
    QVERIFY(!error.isRetryable());

    error.retryAfter = parseRetryAfter(QByteArrayLiteral("3"), QDateTime::currentDateTimeUtc());

    QVERIFY(error.retryAfter.has_value());
    QCOMPARE(error.retryAfter->count(), 3000);
    QVERIFY(error.isRetryable());
}

void TestProviderError::moderationNamesReasons()
{
    const ProviderError error = ProviderError::fromHttpResponse(403, kModerationBody, kJson);

    QCOMPARE(error.kind, ErrorKind::Moderation);
    QCOMPARE(error.kindName(), u"moderation");
    QVERIFY(!error.isRetryable());
    QCOMPARE(error.metadata.value(u"model_slug").toString(), u"vendor/model-a");

    const QString text = error.userMessage();
    QVERIFY2(text.contains(u"Flagged for: harassment, violence."), qPrintable(text));
    QVERIFY2(text.contains(u"Flagged by: Guard."), qPrintable(text));
    QVERIFY2(text.contains(u"Flagged text: \"you are a...\"."), qPrintable(text));
    QVERIFY2(text.startsWith(error.message), qPrintable(text));
}

void TestProviderError::forbiddenWithoutReasons()
{
    const ProviderError error = ProviderError::fromHttpResponse(
        403, QByteArrayLiteral(R"({"error":{"code":403,"message":"Key disabled."}})"), kJson);

    QCOMPARE(error.kind, ErrorKind::Forbidden);
    QCOMPARE(error.kindName(), u"forbidden");
    QVERIFY(!error.isRetryable());
}

void TestProviderError::authenticationNotModeration()
{
    const ProviderError error = ProviderError::fromHttpResponse(
        401, QByteArrayLiteral(R"({"error":{"code":401,"message":"User not found."}})"), kJson);

    QCOMPARE(error.kind, ErrorKind::Authentication);
    QCOMPARE(error.kindName(), u"authentication");
    QVERIFY(!error.isRetryable());
    QCOMPARE(error.userMessage(), u"User not found. Check the API key in Settings.");
}

void TestProviderError::statusKindAndRetry_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<ErrorKind>("expectedKind");
    QTest::addColumn<bool>("expectedRetryable");

    QTest::newRow("400") << 400 << ErrorKind::BadRequest << false;
    QTest::newRow("401") << 401 << ErrorKind::Authentication << false;
    QTest::newRow("402") << 402 << ErrorKind::Credits << false;
    QTest::newRow("403") << 403 << ErrorKind::Forbidden << false;
    QTest::newRow("404") << 404 << ErrorKind::NotFound << false;
    QTest::newRow("408") << 408 << ErrorKind::Server << true;
    QTest::newRow("418") << 418 << ErrorKind::InvalidResponse << false;
    QTest::newRow("429") << 429 << ErrorKind::RateLimited << true;
    QTest::newRow("500") << 500 << ErrorKind::Server << true;
    QTest::newRow("502") << 502 << ErrorKind::Server << true;
    QTest::newRow("503") << 503 << ErrorKind::Overloaded << true;
    QTest::newRow("504") << 504 << ErrorKind::Server << true;
    QTest::newRow("529") << 529 << ErrorKind::Overloaded << true;
}

void TestProviderError::statusKindAndRetry()
{
    QFETCH(int, status);
    QFETCH(ErrorKind, expectedKind);
    QFETCH(bool, expectedRetryable);
    const QByteArray body = QByteArrayLiteral(R"({"error":{"message":"Something failed.","code":)")
                            + QByteArray::number(status) + QByteArrayLiteral("}}");

    const ProviderError error = ProviderError::fromHttpResponse(status, body, kJson);

    QCOMPARE(error.kind, expectedKind);
    QCOMPARE(error.isRetryable(), expectedRetryable);
}

void TestProviderError::quotaRateLimitNotRetryable_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("expectedRetryable");

    QTest::newRow("quota exceeded")
        << u"You exceeded your current quota, please check your plan and billing details."_s << false;
    QTest::newRow("quota in capitals") << u"Daily QUOTA reached."_s << false;
    QTest::newRow("billing only") << u"Billing hard limit has been reached."_s << false;
    QTest::newRow("plain rate limit") << u"Rate limit exceeded: free-models-per-min."_s << true;
}

void TestProviderError::quotaRateLimitNotRetryable()
{
    QFETCH(QString, message);
    QFETCH(bool, expectedRetryable);
    const QByteArray body = QByteArrayLiteral(R"({"error":{"code":429,"message":")") + message.toUtf8()
                            + QByteArrayLiteral(R"("}})");

    const ProviderError error = ProviderError::fromHttpResponse(429, body, kJson);

    QCOMPARE(error.kind, ErrorKind::RateLimited);
    QCOMPARE(error.isRetryable(), expectedRetryable);
}

void TestProviderError::retryAfterParsed_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("expectedValid");
    QTest::addColumn<qint64>("expectedMs");

    QTest::newRow("whole seconds") << QByteArrayLiteral("6") << true << qint64(6000);
    QTest::newRow("fractional seconds") << QByteArrayLiteral("1.5") << true << qint64(1500);
    QTest::newRow("surrounding spaces") << QByteArrayLiteral(" 6 ") << true << qint64(6000);
    QTest::newRow("zero") << QByteArrayLiteral("0") << true << qint64(0);
    QTest::newRow("http date six seconds ahead")
        << QByteArrayLiteral("Fri, 04 Dec 2026 19:30:00 GMT") << true << qint64(6000);
    QTest::newRow("http date one hour ahead")
        << QByteArrayLiteral("Fri, 04 Dec 2026 20:29:54 GMT") << true << qint64(3'600'000);
    QTest::newRow("http date in the past")
        << QByteArrayLiteral("Fri, 04 Dec 2026 19:00:00 GMT") << true << qint64(0);
    QTest::newRow("garbage") << QByteArrayLiteral("soon") << false << qint64(0);
    QTest::newRow("empty") << QByteArray() << false << qint64(0);
    QTest::newRow("negative") << QByteArrayLiteral("-5") << false << qint64(0);
    QTest::newRow("infinite") << QByteArrayLiteral("inf") << false << qint64(0);
    QTest::newRow("not a number") << QByteArrayLiteral("nan") << false << qint64(0);
    QTest::newRow("date without zone") << QByteArrayLiteral("Fri, 04 Dec 2026 19:30:00") << false
                                       << qint64(0);
}

void TestProviderError::retryAfterParsed()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, expectedValid);
    QFETCH(qint64, expectedMs);
    const QDateTime now(QDate(2026, 12, 4), QTime(19, 29, 54), QTimeZone::utc());

    const std::optional<std::chrono::milliseconds> delay = parseRetryAfter(value, now);

    QCOMPARE(delay.has_value(), expectedValid);
    if (expectedValid)
        QCOMPARE(delay->count(), expectedMs);
}

void TestProviderError::retryAfterDateInOtherZone()
{
    // The same instant as 19:29:54 UTC, written with a +01:00 offset.
    const QDateTime now(QDate(2026, 12, 4), QTime(20, 29, 54), QTimeZone(3600));

    const std::optional<std::chrono::milliseconds> delay =
        parseRetryAfter(QByteArrayLiteral("Fri, 04 Dec 2026 19:30:00 GMT"), now);

    QVERIFY(delay.has_value());
    QCOMPARE(delay->count(), 6000);
}

void TestProviderError::streamErrorRead_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expectedMessage");
    QTest::addColumn<QString>("expectedCode");
    QTest::addColumn<int>("expectedStatus");

    QTest::newRow("numeric code")
        << QByteArrayLiteral(R"({"code":502,"message":"Provider disconnected","metadata":{"error_type":"provider_unavailable"}})")
        << u"Provider disconnected"_s << u"502"_s << 502;
    QTest::newRow("string code")
        << QByteArrayLiteral(R"({"code":"server_error","message":"Try again."})")
        << u"Try again."_s << u"server_error"_s << 0;
    QTest::newRow("empty object") << QByteArrayLiteral("{}")
                                  << u"The provider reported an error without a message."_s
                                  << QString() << 0;
}

void TestProviderError::streamErrorRead()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expectedMessage);
    QFETCH(QString, expectedCode);
    QFETCH(int, expectedStatus);

    const ProviderError error =
        ProviderError::fromStreamError(QJsonDocument::fromJson(json).object());

    QCOMPARE(error.kind, ErrorKind::InStream);
    QCOMPARE(error.message, expectedMessage);
    QCOMPARE(error.code, expectedCode);
    QCOMPARE(error.httpStatus, expectedStatus);
    QVERIFY(error.userMessage().contains(u"The text received so far is kept"));
}

void TestProviderError::clientErrorKept()
{
    const ProviderError error =
        ProviderError::fromClient(ErrorKind::Timeout, u"No token for 60 s."_s, 200);

    QCOMPARE(error.kind, ErrorKind::Timeout);
    QCOMPARE(error.message, u"No token for 60 s.");
    QCOMPARE(error.httpStatus, 200);
    QVERIFY(!error.isRetryable());
}

void TestProviderError::kindNamesStable_data()
{
    QTest::addColumn<ErrorKind>("kind");
    QTest::addColumn<QString>("expectedName");

    QTest::newRow("none") << ErrorKind::None << u"none"_s;
    QTest::newRow("bad request") << ErrorKind::BadRequest << u"bad_request"_s;
    QTest::newRow("authentication") << ErrorKind::Authentication << u"authentication"_s;
    QTest::newRow("credits") << ErrorKind::Credits << u"insufficient_credits"_s;
    QTest::newRow("moderation") << ErrorKind::Moderation << u"moderation"_s;
    QTest::newRow("forbidden") << ErrorKind::Forbidden << u"forbidden"_s;
    QTest::newRow("not found") << ErrorKind::NotFound << u"not_found"_s;
    QTest::newRow("rate limited") << ErrorKind::RateLimited << u"rate_limited"_s;
    QTest::newRow("overloaded") << ErrorKind::Overloaded << u"overloaded"_s;
    QTest::newRow("server") << ErrorKind::Server << u"server_error"_s;
    QTest::newRow("in stream") << ErrorKind::InStream << u"stream_error"_s;
    QTest::newRow("network") << ErrorKind::Network << u"network_error"_s;
    QTest::newRow("timeout") << ErrorKind::Timeout << u"timeout"_s;
    QTest::newRow("incomplete") << ErrorKind::Incomplete << u"incomplete"_s;
    QTest::newRow("invalid response") << ErrorKind::InvalidResponse << u"invalid_response"_s;
    QTest::newRow("cancelled") << ErrorKind::Cancelled << u"cancelled"_s;
}

void TestProviderError::kindNamesStable()
{
    QFETCH(ErrorKind, kind);
    QFETCH(QString, expectedName);

    const ProviderError error = ProviderError::fromClient(kind, u"x"_s);

    QCOMPARE(error.kindName(), expectedName);
}

QTEST_APPLESS_MAIN(TestProviderError)
#include "tst_ProviderError.moc"
