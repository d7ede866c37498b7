#include "FileDialogs.h"

#include <QDir>
#include <QFileDialog>

namespace Consilium::App::FileDialogs {

namespace {

QStringList &answers()
{
    static QStringList queued;
    return queued;
}

} // namespace

QString openFile(QWidget *parent, const QString &caption, const QString &filter)
{
    if (!answers().isEmpty())
        return answers().takeFirst();
    return QFileDialog::getOpenFileName(parent, caption, QDir::homePath(), filter);
}

QString saveFile(QWidget *parent, const QString &caption, const QString &suggestedName, const QString &filter)
{
    if (!answers().isEmpty())
        return answers().takeFirst();
    return QFileDialog::getSaveFileName(parent, caption, QDir::home().filePath(suggestedName), filter);
}

void queueAnswers(const QStringList &paths)
{
    answers().append(paths);
}

int queuedAnswerCount()
{
    return int(answers().size());
}

} // namespace Consilium::App::FileDialogs
