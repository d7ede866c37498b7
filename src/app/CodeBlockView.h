#pragma once

#include <QFrame>

class QLabel;
class QPlainTextEdit;
class QToolButton;

namespace Consilium::App {

// One fenced code block of an answer: its language, a Copy button that
// copies this block alone, and the highlighted code, which scrolls
// sideways instead of wrapping.
class CodeBlockView : public QFrame
{
    Q_OBJECT

public:
    explicit CodeBlockView(QWidget *parent = nullptr);

    void setCode(const QString &code, const QString &language);
    QString code() const { return m_code; }
    QString language() const { return m_language; }
    QPlainTextEdit *editor() const { return m_editor; }
    QToolButton *copyButton() const { return m_copyButton; }

    // Copies the code to the clipboard.
    void copy();

Q_SIGNALS:
    void copied(const QString &code);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateHeight();
    void rehighlight();

    QString m_code;
    QString m_language;
    QLabel *m_languageLabel;
    QToolButton *m_copyButton;
    QPlainTextEdit *m_editor;
};

} // namespace Consilium::App
