#pragma once

#include <QString>
#include <QStringList>

class QWidget;

namespace Consilium::App {

// The file dialogs the app opens, behind one seam: a test queues the
// answers with queueAnswers() and no dialog appears.
namespace FileDialogs {

// Returns a path to read, or an empty string when the user cancelled.
QString openFile(QWidget *parent, const QString &caption, const QString &filter);
// Returns a path to write, or an empty string when the user cancelled.
QString saveFile(QWidget *parent, const QString &caption, const QString &suggestedName, const QString &filter);

// Makes the next dialogs return these paths, one each, without showing;
// an empty string stands for Cancel.
void queueAnswers(const QStringList &paths);
int queuedAnswerCount();

} // namespace FileDialogs

} // namespace Consilium::App
