#pragma once

#include "PaneText.h"

#include <QColor>
#include <QPalette>

namespace Consilium::App::PaletteColors {

// The colours derive from the current palette, so that light and dark
// themes both keep the palette's text colour readable on them.

bool isDark(const QPalette &palette);
QColor blend(const QColor &base, const QColor &tint, double tintShare);

// Background of a state badge. The badge text uses QPalette::Text.
QColor badgeBackground(PaneState state, const QPalette &palette);
// Text colour for error messages on a QPalette::Base or Window background.
QColor errorText(const QPalette &palette);

enum class Severity { Info, Warning, Error };
// Background of the inline banner. The banner text uses QPalette::WindowText.
QColor bannerBackground(Severity severity, const QPalette &palette);

} // namespace Consilium::App::PaletteColors
