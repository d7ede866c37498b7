#pragma once

#include <QPalette>
#include <QString>

namespace Consilium::App {

// The light, dark or system palette for the whole application. Widgets
// derive their own colours from the palette (see PaletteColors), so one
// palette switch restyles everything.
namespace AppTheme {

// Remembers the palette the platform gave at start as the "system" one.
void captureSystemPalette();
// Returns the palette for "light", "dark" or "system".
QPalette palette(const QString &theme);
// Sets the application palette for "light", "dark" or "system".
void apply(const QString &theme);

} // namespace AppTheme

} // namespace Consilium::App
