#pragma once

#include "PaletteColors.h"

#include <QFrame>

class QLabel;
class QToolButton;

namespace Consilium::App {

// A strip above the panes for errors and warnings that concern the whole
// window (the model list, the turn). It never blocks input, unlike a
// message box, and stays until closed or replaced.
class ErrorBanner : public QFrame
{
    Q_OBJECT

public:
    using Severity = PaletteColors::Severity;

    explicit ErrorBanner(QWidget *parent = nullptr);

    void showMessage(const QString &text, Severity severity);
    void clear();

    QString text() const;
    Severity severity() const { return m_severity; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColours();

    QLabel *m_label;
    QToolButton *m_closeButton;
    Severity m_severity = Severity::Info;
};

} // namespace Consilium::App
