#include "CodeHighlighterBackend.h"

namespace Consilium::App::CodeHighlighter::Backend {

QString name()
{
    return QStringLiteral("none");
}

void highlight(QTextDocument *, const QString &, const QPalette &)
{
    // Built without a highlighting library: code stays monospace text.
}

} // namespace Consilium::App::CodeHighlighter::Backend
