#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>

namespace Consilium::Testing {

// Runs consilium-emulator as a child process on a free loopback port with
// a scenario the test writes, and stops it when destroyed.
class EmulatorProcess
{
public:
    EmulatorProcess();
    ~EmulatorProcess();

    // Writes the scenario to a temporary file and starts the emulator.
    // Returns false (with error()) when it does not report its address
    // within a few seconds.
    bool start(const QJsonObject &scenario);
    // Adds command-line arguments for the next start(), e.g. --tls-cert.
    void setExtraArguments(const QStringList &arguments) { m_extraArguments = arguments; }

    QUrl baseUrl() const; // e.g. http://127.0.0.1:PORT/api/v1
    QString error() const { return m_error; }
    QString standardError();

    // The chat requests the emulator has received, from /emulator/requests.
    QJsonArray receivedRequests() const;

private:
    QTemporaryDir m_directory;
    QProcess m_process;
    QUrl m_root;
    QStringList m_extraArguments;
    QString m_error;
};

} // namespace Consilium::Testing
