#pragma once

#include <QTextBrowser>

namespace Consilium::App {

// One prose block of an answer, rendered from Markdown. It is as tall as
// its text, so that the answer's scroll area does the scrolling.
class ProseBlockView : public QTextBrowser
{
    Q_OBJECT

public:
    explicit ProseBlockView(QWidget *parent = nullptr);

    void setMarkdownText(const QString &markdown);
    QString markdownText() const { return m_markdown; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateHeight();

    QString m_markdown;
    int m_height = 0;
};

} // namespace Consilium::App
