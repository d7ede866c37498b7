#pragma once

#include "store/StoreTypes.h"

#include <QFuture>

#include <atomic>
#include <functional>
#include <memory>

namespace Consilium {

enum class ExportFormat { Markdown, Html, Json };

// Called after each turn with the turns done and the total, on the
// exporting thread: a UI must forward it to its own thread.
using ExportProgress = std::function<void(int done, int total)>;

// Exports the conversation (or only `turnIds` when non-empty) to `path`
// through QSaveFile, so the file appears complete or not at all. Setting
// `*cancelled` stops between turns and leaves no file. Returns the bytes
// written.
Result<qint64> exportConversation(const Conversation &conversation, const QList<qint64> &turnIds,
                                  ExportFormat format, const QString &path, const ExportProgress &progress = {},
                                  const std::atomic<bool> *cancelled = nullptr);

// Runs exportConversation() on QThreadPool::globalInstance() through
// QtConcurrent::run, so the calling thread does not wait on rendering or disk.
QFuture<Result<qint64>> exportConversationAsync(Conversation conversation, QList<qint64> turnIds,
                                                ExportFormat format, QString path, ExportProgress progress,
                                                std::shared_ptr<std::atomic<bool>> cancelled);

// PDF export needs QtGui (QTextDocument, QPdfWriter), which the core does
// not link; the app's App::exportConversationPdf() lays out this HTML export.

} // namespace Consilium
