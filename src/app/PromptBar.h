#pragma once

#include <QWidget>

class QAction;
class QComboBox;
class QPlainTextEdit;
class QToolButton;

class QVBoxLayout;

namespace Consilium::App {

// The bottom of the window: the prompt, the ensemble to send it to (the
// models picked in the list, or a saved preset), the strategy, and the
// Send and Stop buttons.
class PromptBar : public QWidget
{
    Q_OBJECT

public:
    PromptBar(QAction *sendAction, QAction *stopAction, QWidget *parent = nullptr);

    QPlainTextEdit *editor() const { return m_editor; }
    QComboBox *presetBox() const { return m_presetBox; }
    QComboBox *strategyBox() const { return m_strategyBox; }

    QString prompt() const;
    void clearPrompt();
    void setPrompt(const QString &text);

    // Lists the presets after the "Picked models" entry and selects
    // `current` when present.
    void setPresets(const QStringList &names, const QString &current);
    // Returns the chosen preset's name, empty for the picked models.
    QString presetName() const;
    void selectPreset(const QString &name);
    QString strategy() const;
    void setStrategy(const QString &name);
    // Opens the preset list for keyboard choice.
    void showPresetPopup();
    // Puts a small widget (the cost estimate) under the Send and Stop buttons.
    void addBesideButtons(QWidget *widget);

Q_SIGNALS:
    void promptChanged();
    void presetChanged(const QString &name);
    void strategyChanged(const QString &name);

private:
    QPlainTextEdit *m_editor;
    QComboBox *m_presetBox;
    QComboBox *m_strategyBox;
    QToolButton *m_sendButton;
    QToolButton *m_stopButton;
    QVBoxLayout *m_buttons;
};

} // namespace Consilium::App
