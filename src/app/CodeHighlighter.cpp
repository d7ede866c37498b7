#include "CodeHighlighter.h"

#include "CodeHighlighterBackend.h"

namespace Consilium::App::CodeHighlighter {

QString backendName()
{
    return Backend::name();
}

void highlight(QTextDocument *document, const QString &language, const QPalette &palette)
{
    if (!document || language.isEmpty())
        return;
    Backend::highlight(document, language.toLower(), palette);
}

} // namespace Consilium::App::CodeHighlighter
