#include "ErrorBanner.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace Consilium::App {

ErrorBanner::ErrorBanner(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_closeButton(new QToolButton(this))
{
    setObjectName(QStringLiteral("banner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setAccessibleName(tr("Message"));

    m_label->setObjectName(QStringLiteral("bannerText"));
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_label->setAccessibleName(tr("Message text"));

    m_closeButton->setObjectName(QStringLiteral("bannerClose"));
    m_closeButton->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_closeButton->setAutoRaise(true);
    m_closeButton->setToolTip(tr("Close this message"));
    m_closeButton->setAccessibleName(tr("Close message"));
    connect(m_closeButton, &QToolButton::clicked, this, &ErrorBanner::clear);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_closeButton, 0, Qt::AlignTop);

    hide();
}

void ErrorBanner::showMessage(const QString &text, Severity severity)
{
    m_severity = severity;
    m_label->setText(text);
    applyColours();
    show();
}

void ErrorBanner::clear()
{
    m_label->clear();
    hide();
}

QString ErrorBanner::text() const
{
    return isHidden() ? QString() : m_label->text();
}

void ErrorBanner::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        applyColours();
}

void ErrorBanner::applyColours()
{
    // Work from the application palette, not our own: ours carries the
    // tint of the previous message.
    const QPalette source = parentWidget() ? parentWidget()->palette() : QPalette();
    QPalette tinted = source;
    tinted.setColor(QPalette::Window, PaletteColors::bannerBackground(m_severity, source));
    tinted.setColor(QPalette::WindowText, source.color(QPalette::WindowText));
    // Setting our palette sends PaletteChange again; the comparison ends
    // that round trip.
    if (palette() != tinted)
        setPalette(tinted);
}

} // namespace Consilium::App
