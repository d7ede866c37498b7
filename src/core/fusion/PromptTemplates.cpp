#include "PromptTemplates.h"

#include "common/Logging.h"

#include <QFile>
#include <QRegularExpression>

namespace Consilium::PromptTemplates {

QString load(const QString &name)
{
    QFile file(QStringLiteral(":/prompts/%1.md").arg(name));
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcFusion) << "prompt template" << name << "is missing from the resources";
        return {};
    }
    return QString::fromUtf8(file.readAll());
}

QString fill(const QString &templateText, const QMap<QString, QString> &values)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{\\{([a-z_]+)\\}\\}"));
    QString result;
    result.reserve(templateText.size());
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = placeholder.globalMatch(templateText);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        result += QStringView(templateText).sliced(last, match.capturedStart() - last);
        const auto value = values.constFind(match.captured(1));
        result += value != values.cend() ? *value : match.captured(0);
        last = match.capturedEnd();
    }
    result += QStringView(templateText).sliced(last);
    return result;
}

} // namespace Consilium::PromptTemplates
