#include "PdfExport.h"

#include "store/ConversationExport.h"

#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QtConcurrent>

namespace Consilium::App {

Result<qint64> exportConversationPdf(const Conversation &conversation, const QList<qint64> &turnIds,
                                     const QString &path, const ExportProgress &progress,
                                     const std::atomic<bool> *cancelled)
{
    QString html = ConversationExport::htmlHeader(conversation.summary);
    int number = 0;
    for (const StoredTurn &turn : conversation.turns) {
        if (cancelled && cancelled->load())
            return Result<qint64>::failure(QStringLiteral("The export was cancelled."));
        if (!turnIds.isEmpty() && !turnIds.contains(turn.id))
            continue;
        html += ConversationExport::htmlTurn(turn, ++number);
        if (progress)
            progress(number, int(conversation.turns.size()));
    }
    html += ConversationExport::htmlFooter();

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Result<qint64>::failure(QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()));
    {
        // The writer must finish its trailer before the file is committed.
        QPdfWriter writer(&file);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setTitle(conversation.summary.title);
        writer.setCreator(QStringLiteral("Consilium"));
        QTextDocument document;
        document.setHtml(html);
        document.print(&writer);
    }
    if (cancelled && cancelled->load()) {
        file.cancelWriting();
        return Result<qint64>::failure(QStringLiteral("The export was cancelled."));
    }
    const qint64 size = file.size();
    if (!file.commit())
        return Result<qint64>::failure(QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()));
    return size;
}

QFuture<Result<qint64>> exportConversationPdfAsync(Conversation conversation, QList<qint64> turnIds, QString path,
                                                   ExportProgress progress,
                                                   std::shared_ptr<std::atomic<bool>> cancelled)
{
    return QtConcurrent::run([conversation = std::move(conversation), turnIds = std::move(turnIds),
                              path = std::move(path), progress = std::move(progress), cancelled] {
        return exportConversationPdf(conversation, turnIds, path, progress, cancelled.get());
    });
}

} // namespace Consilium::App
