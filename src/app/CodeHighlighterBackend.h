#pragma once

#include <QString>

class QPalette;
class QTextDocument;

// The one back end compiled in: exactly one of SourceHighlightBackend.cpp,
// KSyntaxBackend.cpp and PlainBackend.cpp defines these (see CMakeLists.txt).
namespace Consilium::App::CodeHighlighter::Backend {

QString name();
// `language` is lower case and not empty.
void highlight(QTextDocument *document, const QString &language, const QPalette &palette);

} // namespace Consilium::App::CodeHighlighter::Backend
