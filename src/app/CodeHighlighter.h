#pragma once

#include <QString>

class QPalette;
class QTextDocument;

namespace Consilium::App {

// Colours code blocks. The back end is chosen when the app is built:
// KSyntaxHighlighting when CMake finds KF6SyntaxHighlighting, else GNU
// Source-highlight, else none (the code stays plain monospace text).
namespace CodeHighlighter {

// Returns the back end's name for the About text and logs.
QString backendName();

// Colours `document`, which holds only code in `language` (a fence info
// word such as "cpp" or "python"). Colours follow the palette: a dark
// window gets a dark theme. Call again after the text or palette changes.
// Unknown languages are left uncoloured.
void highlight(QTextDocument *document, const QString &language, const QPalette &palette);

} // namespace CodeHighlighter

} // namespace Consilium::App
