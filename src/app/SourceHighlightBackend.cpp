#include "CodeHighlighterBackend.h"

#include "AppLogging.h"
#include "PaletteColors.h"

#include <srchilite/formatter.h>
#include <srchilite/formattermanager.h>
#include <srchilite/formatterparams.h>
#include <srchilite/langdefmanager.h>
#include <srchilite/langmap.h>
#include <srchilite/regexrulefactory.h>
#include <srchilite/settings.h>
#include <srchilite/sourcehighlighter.h>

#include <QHash>
#include <QPalette>
#include <QTextBlock>
#include <QTextCharFormat>
#include <QTextCursor>
#include <QTextDocument>

#include <exception>
#include <map>
#include <string>
#include <vector>

namespace Consilium::App::CodeHighlighter::Backend {

namespace {

// One highlighted run of a line, in bytes of the line's UTF-8 form.
struct Run
{
    int start = 0;
    int length = 0;
    std::string element; // "keyword", "type", "comment", ...; "normal" otherwise
};

// Source-highlight calls one formatter per element kind; this one only
// records where each run starts, so that the document gets Qt formats.
class RunRecorder : public srchilite::Formatter
{
public:
    RunRecorder(std::string element, std::vector<Run> *runs)
        : m_element(std::move(element)), m_runs(runs) {}

    void format(const std::string &text, const srchilite::FormatterParams *params) override
    {
        if (params && params->start >= 0 && !text.empty())
            m_runs->push_back(Run{params->start, int(text.size()), m_element});
    }

private:
    std::string m_element;
    std::vector<Run> *m_runs;
};

// Language definitions are parsed once and shared; the library caches the
// states it builds per file.
struct Library
{
    srchilite::RegexRuleFactory ruleFactory;
    srchilite::LangDefManager definitions{&ruleFactory};
    std::string dataDir = srchilite::Settings::retrieveDataDir();
    srchilite::LangMap languages{dataDir, "lang.map"};
};

Library &library()
{
    static Library instance;
    return instance;
}

// Fence words that lang.map does not list under the same name.
QString langMapName(const QString &language)
{
    static const QHash<QString, QString> aliases{
        {QStringLiteral("c++"), QStringLiteral("cpp")},   {QStringLiteral("py"), QStringLiteral("python")},
        {QStringLiteral("js"), QStringLiteral("javascript")}, {QStringLiteral("ts"), QStringLiteral("javascript")},
        {QStringLiteral("console"), QStringLiteral("sh")}, {QStringLiteral("zsh"), QStringLiteral("sh")},
        {QStringLiteral("rs"), QStringLiteral("rust")},    {QStringLiteral("yml"), QStringLiteral("yaml")},
    };
    return aliases.value(language, language);
}

// Returns the lang file for a fence word, or an empty string.
std::string langFileFor(const QString &language)
{
    try {
        return library().languages.getMappedFileName(langMapName(language).toStdString());
    } catch (const std::exception &error) {
        qCWarning(lcApp) << "source-highlight cannot read lang.map:" << error.what();
        return {};
    }
}

QTextCharFormat formatFor(const std::string &element, bool dark)
{
    struct Style { QColor light; QColor dark; bool bold = false; bool italic = false; };
    static const std::map<std::string, Style> styles{
        {"keyword", {QColor(0x00, 0x33, 0xb3), QColor(0xcc, 0x78, 0x32), true}},
        {"type", {QColor(0x00, 0x62, 0x7a), QColor(0x6f, 0xaf, 0xbd)}},
        {"usertype", {QColor(0x00, 0x62, 0x7a), QColor(0x6f, 0xaf, 0xbd)}},
        {"classname", {QColor(0x00, 0x62, 0x7a), QColor(0x6f, 0xaf, 0xbd)}},
        {"string", {QColor(0x06, 0x7d, 0x17), QColor(0x6a, 0xab, 0x73)}},
        {"regexp", {QColor(0x06, 0x7d, 0x17), QColor(0x6a, 0xab, 0x73)}},
        {"specialchar", {QColor(0x03, 0x5e, 0x9e), QColor(0xcf, 0x8e, 0x6d)}},
        {"comment", {QColor(0x6e, 0x6e, 0x6e), QColor(0x8c, 0x8c, 0x8c), false, true}},
        {"todo", {QColor(0x6e, 0x6e, 0x6e), QColor(0x8c, 0x8c, 0x8c), true, true}},
        {"number", {QColor(0x17, 0x50, 0xeb), QColor(0x68, 0x97, 0xbb)}},
        {"preproc", {QColor(0x9e, 0x00, 0x7e), QColor(0xbb, 0xb5, 0x29)}},
        {"function", {QColor(0x79, 0x5e, 0x26), QColor(0xff, 0xc6, 0x6d)}},
        {"predef_func", {QColor(0x79, 0x5e, 0x26), QColor(0xff, 0xc6, 0x6d)}},
    };
    QTextCharFormat format;
    const auto found = styles.find(element);
    if (found == styles.end())
        return format;
    format.setForeground(dark ? found->second.dark : found->second.light);
    if (found->second.bold)
        format.setFontWeight(QFont::Bold);
    format.setFontItalic(found->second.italic);
    return format;
}

// Converts a byte offset of `utf8` into an offset in UTF-16 code units.
int utf16Offset(const std::string &utf8, int byteOffset)
{
    return int(QString::fromUtf8(utf8.data(), qMin<qsizetype>(byteOffset, qsizetype(utf8.size()))).size());
}

} // namespace

QString name()
{
    return QStringLiteral("GNU Source-highlight");
}

void highlight(QTextDocument *document, const QString &language, const QPalette &palette)
{
    const std::string langFile = langFileFor(language);
    if (langFile.empty())
        return;

    std::vector<Run> runs;
    srchilite::FormatterManager formatters(srchilite::FormatterPtr(new RunRecorder("normal", &runs)));
    for (const char *element : {"keyword", "type", "usertype", "classname", "string", "regexp", "specialchar",
                                "comment", "todo", "number", "preproc", "function", "predef_func"})
        formatters.addFormatter(element, srchilite::FormatterPtr(new RunRecorder(element, &runs)));

    try {
        srchilite::SourceHighlighter highlighter(library().definitions.getHighlightState(library().dataDir, langFile));
        highlighter.setFormatterManager(&formatters);
        highlighter.setOptimize(false); // keeps FormatterParams::start exact for every run
        srchilite::FormatterParams params;
        highlighter.setFormatterParams(&params);

        const bool dark = PaletteColors::isDark(palette);
        QTextCharFormat plain;
        plain.setForeground(palette.color(QPalette::Text));
        QTextCursor cursor(document);
        cursor.beginEditBlock();
        for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
            const std::string line = block.text().toStdString();
            runs.clear();
            highlighter.highlightParagraph(line);
            cursor.setPosition(block.position());
            cursor.setPosition(block.position() + block.length() - 1, QTextCursor::KeepAnchor);
            cursor.setCharFormat(plain);
            for (const Run &run : runs) {
                const QTextCharFormat format = formatFor(run.element, dark);
                if (!format.hasProperty(QTextFormat::ForegroundBrush))
                    continue;
                const int start = utf16Offset(line, run.start);
                const int end = utf16Offset(line, run.start + run.length);
                cursor.setPosition(block.position() + start);
                cursor.setPosition(block.position() + end, QTextCursor::KeepAnchor);
                cursor.mergeCharFormat(format);
            }
        }
        cursor.endEditBlock();
    } catch (const std::exception &error) {
        qCWarning(lcApp) << "source-highlight failed on" << language << "code:" << error.what();
    }
}

} // namespace Consilium::App::CodeHighlighter::Backend
