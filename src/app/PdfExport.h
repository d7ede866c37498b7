#pragma once

#include "common/Result.h"
#include "store/ExportJob.h"

#include <QFuture>

#include <atomic>
#include <memory>

namespace Consilium::App {

// Exports a conversation (or only `turnIds` when non-empty) to a PDF file:
// the HTML export laid out by QTextDocument and printed with QPdfWriter,
// so the PDF holds the same answers, analysis and costs as the HTML.
// Written through QSaveFile; a cancelled export leaves no file. Returns
// the bytes written. Safe to run off the GUI thread.
Result<qint64> exportConversationPdf(const Conversation &conversation, const QList<qint64> &turnIds,
                                     const QString &path, const ExportProgress &progress = {},
                                     const std::atomic<bool> *cancelled = nullptr);

QFuture<Result<qint64>> exportConversationPdfAsync(Conversation conversation, QList<qint64> turnIds, QString path,
                                                   ExportProgress progress,
                                                   std::shared_ptr<std::atomic<bool>> cancelled);

} // namespace Consilium::App
