#include "ConversationExporter.h"

#include "PdfExport.h"

#include "AppLogging.h"
#include "FileDialogs.h"

#include "store/ConversationStore.h"
#include "store/ExportJob.h"

#include <QFileInfo>
#include <QProgressDialog>
#include <QWidget>

namespace Consilium::App {

namespace {

ExportFormat formatForPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QStringLiteral("html") || suffix == QStringLiteral("htm"))
        return ExportFormat::Html;
    if (suffix == QStringLiteral("json"))
        return ExportFormat::Json;
    return ExportFormat::Markdown;
}

} // namespace

ConversationExporter::ConversationExporter(QWidget *parent)
    : QObject(parent)
    , m_parentWidget(parent)
{
    connect(&m_watcher, &QFutureWatcher<Result<qint64>>::finished, this, &ConversationExporter::onFinished);
}

void ConversationExporter::run(ConversationStore &store, qint64 conversationId)
{
    const Result<Conversation> conversation = store.loadConversation(conversationId);
    if (!conversation) {
        Q_EMIT done(tr("Export failed: %1").arg(conversation.error()));
        return;
    }
    const QString suggested = conversation->summary.title.simplified().replace(u' ', u'-') + QStringLiteral(".md");
    m_path = FileDialogs::saveFile(m_parentWidget, tr("Export Chat"), suggested,
                                   tr("Markdown (*.md);;HTML (*.html);;JSON (*.json);;PDF (*.pdf)"));
    if (m_path.isEmpty()) {
        Q_EMIT done(tr("Export cancelled."));
        return;
    }

    m_progress = new QProgressDialog(tr("Exporting the chat…"), tr("Cancel"), 0,
                                     int(conversation->turns.size()), m_parentWidget);
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setAccessibleName(tr("Export progress"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(300);
    connect(m_progress, &QProgressDialog::canceled, this, [this] { m_cancelled->store(true); });

    // Progress arrives on the exporting thread; the queued call moves it
    // to this object's thread.
    QPointer<QProgressDialog> progress = m_progress;
    const ExportProgress report = [this, progress](int doneTurns, int) {
        QMetaObject::invokeMethod(this, [progress, doneTurns] {
            if (progress)
                progress->setValue(doneTurns);
        });
    };
    if (QFileInfo(m_path).suffix().compare(QStringLiteral("pdf"), Qt::CaseInsensitive) == 0) {
        m_watcher.setFuture(exportConversationPdfAsync(conversation.value(), {}, m_path, report, m_cancelled));
        return;
    }
    m_watcher.setFuture(exportConversationAsync(conversation.value(), {}, formatForPath(m_path), m_path,
                                                report, m_cancelled));
}

void ConversationExporter::onFinished()
{
    if (m_progress)
        m_progress->deleteLater();
    const Result<qint64> result = m_watcher.result();
    if (m_cancelled->load())
        Q_EMIT done(tr("Export cancelled; no file was written."));
    else if (!result)
        Q_EMIT done(tr("Export failed: %1").arg(result.error()));
    else
        Q_EMIT done(tr("Exported the chat to %1 (%2 bytes).").arg(m_path).arg(result.value()));
    if (!result && !m_cancelled->load())
        qCWarning(lcApp) << "export failed:" << result.error();
}

} // namespace Consilium::App
