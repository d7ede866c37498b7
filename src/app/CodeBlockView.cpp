#include "CodeBlockView.h"

#include "CodeHighlighter.h"

#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace Consilium::App {

CodeBlockView::CodeBlockView(QWidget *parent)
    : QFrame(parent)
    , m_languageLabel(new QLabel(this))
    , m_copyButton(new QToolButton(this))
    , m_editor(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("codeBlock"));
    setFrameShape(QFrame::StyledPanel);
    setBackgroundRole(QPalette::AlternateBase);
    setAutoFillBackground(true);

    m_languageLabel->setForegroundRole(QPalette::PlaceholderText);
    m_copyButton->setObjectName(QStringLiteral("copyCodeButton"));
    m_copyButton->setText(tr("Copy"));
    m_copyButton->setAutoRaise(true);
    connect(m_copyButton, &QToolButton::clicked, this, &CodeBlockView::copy);

    m_editor->setObjectName(QStringLiteral("codeText"));
    m_editor->setReadOnly(true);
    m_editor->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setFrameShape(QFrame::NoFrame);
    m_editor->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setBackgroundRole(QPalette::AlternateBase);

    auto *header = new QHBoxLayout;
    header->setContentsMargins(6, 0, 0, 0);
    header->addWidget(m_languageLabel, 1);
    header->addWidget(m_copyButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(0);
    layout->addLayout(header);
    layout->addWidget(m_editor);
}

void CodeBlockView::setCode(const QString &code, const QString &language)
{
    if (code == m_code && language == m_language)
        return;
    m_code = code;
    m_language = language;
    m_languageLabel->setText(language.isEmpty() ? tr("code") : language);
    const QString what = language.isEmpty() ? tr("code block") : tr("%1 code block").arg(language);
    m_copyButton->setAccessibleName(tr("Copy %1").arg(what));
    m_copyButton->setToolTip(tr("Copy this block to the clipboard"));
    m_editor->setAccessibleName(what);
    m_editor->setPlainText(code);
    rehighlight();
    updateHeight();
}

void CodeBlockView::copy()
{
    QGuiApplication::clipboard()->setText(m_code);
    Q_EMIT copied(m_code);
}

void CodeBlockView::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        rehighlight();
    else if (event->type() == QEvent::FontChange)
        updateHeight();
}

void CodeBlockView::rehighlight()
{
    CodeHighlighter::highlight(m_editor->document(), m_language, palette());
}

void CodeBlockView::updateHeight()
{
    // The block shows all its lines; the answer's scroll area scrolls.
    const int lines = qMax(1, m_editor->document()->blockCount());
    const int lineHeight = m_editor->fontMetrics().lineSpacing();
    const int frame = 2 * int(m_editor->document()->documentMargin()) + 4;
    const int scrollBar = m_editor->horizontalScrollBar()->sizeHint().height();
    m_editor->setFixedHeight(lines * lineHeight + frame + scrollBar);
}

} // namespace Consilium::App
