#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>

#include "common/Result.h"

#include <atomic>
#include <memory>

#include <QProgressDialog>
class QWidget;

namespace Consilium {
class ConversationStore;
}

namespace Consilium::App {

// Exports one conversation to Markdown, HTML, JSON or PDF (by the file name's
// extension) on a worker thread, with a progress dialog whose Cancel stops
// the export and leaves no file.
class ConversationExporter : public QObject
{
    Q_OBJECT

public:
    explicit ConversationExporter(QWidget *parent);

    // Asks for the file, then exports. Reports through done().
    void run(ConversationStore &store, qint64 conversationId);
    QProgressDialog *progressDialog() const { return m_progress; }

Q_SIGNALS:
    // Sends a sentence for the status bar: written, cancelled or failed.
    void done(const QString &message);

private:
    void onFinished();

    QWidget *m_parentWidget;
    QPointer<QProgressDialog> m_progress;
    QFutureWatcher<Result<qint64>> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_cancelled = std::make_shared<std::atomic<bool>>(false);
    QString m_path;
};

} // namespace Consilium::App
