#include "PaletteColors.h"

namespace Consilium::App::PaletteColors {

namespace {

// Saturated hues mixed into the palette's own background at a fixed share.
const QColor kBlue(0x1e, 0x88, 0xe5);
const QColor kGreen(0x2e, 0x9d, 0x4a);
const QColor kRed(0xd3, 0x2f, 0x2f);
const QColor kAmber(0xf2, 0xa9, 0x00);

constexpr double kBadgeTint = 0.35;
constexpr double kBannerTint = 0.22;

} // namespace

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

QColor blend(const QColor &base, const QColor &tint, double tintShare)
{
    const double keep = 1.0 - tintShare;
    return QColor::fromRgbF(float(base.redF() * keep + tint.redF() * tintShare),
                            float(base.greenF() * keep + tint.greenF() * tintShare),
                            float(base.blueF() * keep + tint.blueF() * tintShare));
}

QColor badgeBackground(PaneState state, const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    switch (state) {
    case PaneState::Idle:
    case PaneState::Waiting: return blend(base, palette.color(QPalette::Mid), 0.5);
    case PaneState::Streaming: return blend(base, kBlue, kBadgeTint);
    case PaneState::Done: return blend(base, kGreen, kBadgeTint);
    case PaneState::Failed: return blend(base, kRed, kBadgeTint);
    case PaneState::Cancelled: return blend(base, kAmber, kBadgeTint);
    }
    return base;
}

QColor errorText(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0x8a, 0x80) : QColor(0xb3, 0x26, 0x1e);
}

QColor bannerBackground(Severity severity, const QPalette &palette)
{
    const QColor window = palette.color(QPalette::Window);
    switch (severity) {
    case Severity::Info: return blend(window, kBlue, kBannerTint);
    case Severity::Warning: return blend(window, kAmber, kBannerTint);
    case Severity::Error: return blend(window, kRed, kBannerTint);
    }
    return window;
}

} // namespace Consilium::App::PaletteColors
