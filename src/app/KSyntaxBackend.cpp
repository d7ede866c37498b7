#include "CodeHighlighterBackend.h"

#include "PaletteColors.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QPalette>
#include <QTextDocument>

namespace Consilium::App::CodeHighlighter::Backend {

namespace {

// Loading the syntax definitions reads many files, so it happens once.
KSyntaxHighlighting::Repository &repository()
{
    static KSyntaxHighlighting::Repository instance;
    return instance;
}

KSyntaxHighlighting::Definition definitionFor(const QString &language)
{
    KSyntaxHighlighting::Definition definition = repository().definitionForName(language);
    if (!definition.isValid())
        definition = repository().definitionForFileName(QStringLiteral("code.") + language);
    return definition;
}

} // namespace

QString name()
{
    return QStringLiteral("KSyntaxHighlighting");
}

void highlight(QTextDocument *document, const QString &language, const QPalette &palette)
{
    // The highlighter is a QSyntaxHighlighter: it follows later text
    // changes by itself, so one per document is enough.
    auto *highlighter = document->findChild<KSyntaxHighlighting::SyntaxHighlighter *>();
    if (!highlighter)
        highlighter = new KSyntaxHighlighting::SyntaxHighlighter(document);

    const auto themeKind = PaletteColors::isDark(palette) ? KSyntaxHighlighting::Repository::DarkTheme
                                                          : KSyntaxHighlighting::Repository::LightTheme;
    highlighter->setTheme(repository().defaultTheme(themeKind));
    highlighter->setDefinition(definitionFor(language));
    highlighter->rehighlight();
}

} // namespace Consilium::App::CodeHighlighter::Backend
