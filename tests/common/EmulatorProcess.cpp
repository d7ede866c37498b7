#include "EmulatorProcess.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace Consilium::Testing {

namespace {

constexpr int kStartTimeoutMs = 10'000;

} // namespace

EmulatorProcess::EmulatorProcess() = default;

EmulatorProcess::~EmulatorProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(3000))
            m_process.kill();
        m_process.waitForFinished(3000);
    }
}

bool EmulatorProcess::start(const QJsonObject &scenario)
{
    const QString path = m_directory.filePath(QStringLiteral("scenario.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(scenario).toJson()) < 0) {
        m_error = QStringLiteral("cannot write the scenario to %1").arg(path);
        return false;
    }
    file.close();

    m_process.setProgram(QStringLiteral(CONSILIUM_EMULATOR_PATH));
    m_process.setArguments(QStringList{QStringLiteral("--scenario"), path, QStringLiteral("--port"), QStringLiteral("0")}
                           + m_extraArguments);
    m_process.start();
    if (!m_process.waitForStarted(kStartTimeoutMs)) {
        m_error = QStringLiteral("cannot start %1: %2").arg(m_process.program(), m_process.errorString());
        return false;
    }

    const QDeadlineTimer deadline(kStartTimeoutMs);
    while (!m_process.canReadLine() && !deadline.hasExpired()) {
        if (!m_process.waitForReadyRead(int(deadline.remainingTime())))
            break;
    }
    const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
    const QString prefix = QStringLiteral("listening on ");
    if (!line.startsWith(prefix)) {
        m_error = QStringLiteral("the emulator did not report its address; stdout: \"%1\", stderr: \"%2\"")
                      .arg(line, standardError());
        return false;
    }
    m_root = QUrl(line.mid(prefix.size()));
    return true;
}

QUrl EmulatorProcess::baseUrl() const
{
    QUrl url = m_root;
    url.setPath(QStringLiteral("/api/v1"));
    return url;
}

QString EmulatorProcess::standardError()
{
    return QString::fromUtf8(m_process.readAllStandardError());
}

QJsonArray EmulatorProcess::receivedRequests() const
{
    QNetworkAccessManager network;
    QUrl url = m_root;
    url.setPath(QStringLiteral("/emulator/requests"));
    QNetworkReply *reply = network.get(QNetworkRequest(url));

    // A local loop is fine here: this runs in test code between steps,
    // never inside product code.
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    loop.exec();

    const QByteArray body = reply->readAll();
    reply->deleteLater();
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isArray())
        return document.array();
    return document.object().value(QStringLiteral("requests")).toArray();
}

} // namespace Consilium::Testing
