#include "ExportJob.h"

#include "common/Logging.h"
#include "store/ConversationExport.h"
#include "store/ConversationJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QtConcurrent>

namespace Consilium {

namespace {

QByteArray renderTurn(ExportFormat format, const StoredTurn &turn, int number)
{
    switch (format) {
    case ExportFormat::Markdown: return ConversationExport::markdownTurn(turn, number).toUtf8();
    case ExportFormat::Html: return ConversationExport::htmlTurn(turn, number).toUtf8();
    case ExportFormat::Json: return {};
    }
    return {};
}

} // namespace

Result<qint64> exportConversation(const Conversation &conversation, const QList<qint64> &turnIds,
                                  ExportFormat format, const QString &path, const ExportProgress &progress,
                                  const std::atomic<bool> *cancelled)
{
    QList<const StoredTurn *> selected;
    for (const StoredTurn &turn : conversation.turns) {
        if (turnIds.isEmpty() || turnIds.contains(turn.id))
            selected.append(&turn);
    }

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Result<qint64>::failure(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    if (format == ExportFormat::Markdown)
        file.write(ConversationExport::markdownHeader(conversation.summary).toUtf8());
    else if (format == ExportFormat::Html)
        file.write(ConversationExport::htmlHeader(conversation.summary).toUtf8());

    QJsonArray jsonTurns;
    for (int i = 0; i < selected.size(); ++i) {
        if (cancelled && cancelled->load()) {
            file.cancelWriting();
            qCInfo(lcStore) << "export to" << path << "cancelled";
            return Result<qint64>::failure(QStringLiteral("export cancelled"));
        }
        if (format == ExportFormat::Json)
            jsonTurns.append(ConversationJson::turnToJson(*selected[i]));
        else
            file.write(renderTurn(format, *selected[i], i + 1));
        if (progress)
            progress(i + 1, int(selected.size()));
    }

    if (format == ExportFormat::Json) {
        QJsonObject root = ConversationJson::toJson(Conversation{conversation.summary, {}});
        root.insert(QStringLiteral("turns"), jsonTurns);
        file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    } else if (format == ExportFormat::Html) {
        file.write(ConversationExport::htmlFooter().toUtf8());
    }
    const qint64 size = file.size();
    if (!file.commit())
        return Result<qint64>::failure(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return size;
}

QFuture<Result<qint64>> exportConversationAsync(Conversation conversation, QList<qint64> turnIds,
                                                ExportFormat format, QString path, ExportProgress progress,
                                                std::shared_ptr<std::atomic<bool>> cancelled)
{
    return QtConcurrent::run([conversation = std::move(conversation), turnIds = std::move(turnIds), format,
                              path = std::move(path), progress = std::move(progress),
                              cancelled = std::move(cancelled)] {
        return exportConversation(conversation, turnIds, format, path, progress, cancelled.get());
    });
}

} // namespace Consilium
