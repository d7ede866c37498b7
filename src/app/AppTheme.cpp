#include "AppTheme.h"

#include <QApplication>
#include <QStyle>

namespace Consilium::App::AppTheme {

namespace {

QPalette &systemPalette()
{
    static QPalette palette;
    return palette;
}

QPalette darkPalette()
{
    QPalette dark;
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xdf, 0xe1, 0xe5);
    const QColor disabled(0x80, 0x80, 0x80);
    dark.setColor(QPalette::Window, window);
    dark.setColor(QPalette::WindowText, text);
    dark.setColor(QPalette::Base, base);
    dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    dark.setColor(QPalette::ToolTipBase, window);
    dark.setColor(QPalette::ToolTipText, text);
    dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9d, 0xa3));
    dark.setColor(QPalette::Text, text);
    dark.setColor(QPalette::Button, QColor(0x3c, 0x3f, 0x41));
    dark.setColor(QPalette::ButtonText, text);
    dark.setColor(QPalette::BrightText, Qt::white);
    dark.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x50));
    dark.setColor(QPalette::Midlight, QColor(0x3c, 0x3f, 0x41));
    dark.setColor(QPalette::Mid, QColor(0x5a, 0x5d, 0x61));
    dark.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    dark.setColor(QPalette::Shadow, Qt::black);
    dark.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::Link, QColor(0x6c, 0xa7, 0xf7));
    dark.setColor(QPalette::LinkVisited, QColor(0xb0, 0x8c, 0xf2));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        dark.setColor(QPalette::Disabled, role, disabled);
    return dark;
}

} // namespace

void captureSystemPalette()
{
    systemPalette() = QApplication::palette();
}

QPalette palette(const QString &theme)
{
    if (theme == QStringLiteral("dark"))
        return darkPalette();
    if (theme == QStringLiteral("light"))
        return QApplication::style()->standardPalette();
    return systemPalette();
}

void apply(const QString &theme)
{
    QApplication::setPalette(palette(theme));
}

} // namespace Consilium::App::AppTheme
