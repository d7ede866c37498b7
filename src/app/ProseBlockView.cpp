#include "ProseBlockView.h"

#include <QResizeEvent>

namespace Consilium::App {

ProseBlockView::ProseBlockView(QWidget *parent)
    : QTextBrowser(parent)
{
    setObjectName(QStringLiteral("proseBlock"));
    setFrameShape(QFrame::NoFrame);
    setOpenExternalLinks(true);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    // Tab moves on to the next control instead of stopping in every block.
    setTabChangesFocus(true);
    viewport()->setAutoFillBackground(false);
}

void ProseBlockView::setMarkdownText(const QString &markdown)
{
    if (markdown == m_markdown)
        return;
    m_markdown = markdown;
    document()->setMarkdown(markdown);
    updateHeight();
}

QSize ProseBlockView::sizeHint() const
{
    return QSize(QTextBrowser::sizeHint().width(), m_height);
}

QSize ProseBlockView::minimumSizeHint() const
{
    return QSize(60, m_height);
}

void ProseBlockView::resizeEvent(QResizeEvent *event)
{
    QTextBrowser::resizeEvent(event);
    if (event->oldSize().width() != event->size().width())
        updateHeight();
}

void ProseBlockView::updateHeight()
{
    document()->setTextWidth(viewport()->width());
    const int height = int(std::ceil(document()->size().height())) + 2 * frameWidth();
    if (height == m_height)
        return;
    m_height = height;
    setFixedHeight(height);
    updateGeometry();
}

} // namespace Consilium::App
