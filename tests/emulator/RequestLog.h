#pragma once

#include "HttpRequestParser.h"

#include <QElapsedTimer>
#include <QJsonArray>

// Chat requests received so far, served by GET /emulator/requests so tests
// can check what the client sent and how closely in time parallel requests
// arrived. Authorization values are never stored.
class RequestLog
{
public:
    RequestLog();

    // Returns the current time in ms since the epoch. The value comes from a
    // monotonic clock anchored to the wall clock once, so differences between
    // entries are exact even if the system clock is adjusted meanwhile.
    qint64 nowEpochMs() const;

    void record(const HttpRequest &request, const QString &model, bool stream,
                qint64 arrivedAtMs);
    void clear();
    QJsonArray toJson() const;

private:
    qint64 m_epochAtStartMs;
    QElapsedTimer m_monotonic;
    QJsonArray m_entries;
};
