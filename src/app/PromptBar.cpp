#include "PromptBar.h"

#include "fusion/StrategyRegistry.h"

#include <QAction>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QToolButton>
#include <QVBoxLayout>

namespace Consilium::App {

PromptBar::PromptBar(QAction *sendAction, QAction *stopAction, QWidget *parent)
    : QWidget(parent)
    , m_editor(new QPlainTextEdit)
    , m_presetBox(new QComboBox)
    , m_strategyBox(new QComboBox)
    , m_sendButton(new QToolButton)
    , m_stopButton(new QToolButton)
{
    const QString sendKeys = sendAction->shortcut().toString(QKeySequence::NativeText);
    m_editor->setObjectName(QStringLiteral("promptEditor"));
    m_editor->setAccessibleName(tr("Prompt"));
    m_editor->setPlaceholderText(tr("Ask the panel… (%1 sends)").arg(sendKeys));
    m_editor->setTabChangesFocus(true);
    m_editor->setFixedHeight(m_editor->fontMetrics().lineSpacing() * 5 + 12);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &PromptBar::promptChanged);

    m_presetBox->setObjectName(QStringLiteral("presetBox"));
    m_presetBox->setAccessibleName(tr("Ensemble"));
    m_presetBox->setToolTip(tr("The models that answer: those picked in the list, or a saved ensemble"));
    connect(m_presetBox, &QComboBox::currentIndexChanged, this, [this] { Q_EMIT presetChanged(presetName()); });

    m_strategyBox->setObjectName(QStringLiteral("strategyBox"));
    m_strategyBox->setAccessibleName(tr("Strategy"));
    for (const StrategyInfo &info : availableStrategies()) {
        m_strategyBox->addItem(info.displayName, info.name);
        m_strategyBox->setItemData(m_strategyBox->count() - 1, info.description, Qt::ToolTipRole);
    }
    connect(m_strategyBox, &QComboBox::currentIndexChanged, this, [this] { Q_EMIT strategyChanged(strategy()); });

    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    m_sendButton->setDefaultAction(sendAction);
    m_sendButton->setAccessibleName(tr("Send prompt"));
    m_stopButton->setObjectName(QStringLiteral("stopButton"));
    m_stopButton->setDefaultAction(stopAction);
    m_stopButton->setAccessibleName(tr("Stop turn"));
    for (QToolButton *button : {m_sendButton, m_stopButton}) {
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
        button->setMinimumWidth(96);
    }

    auto *choices = new QFormLayout;
    choices->addRow(tr("&Ensemble:"), m_presetBox);
    choices->addRow(tr("Strate&gy:"), m_strategyBox);
    m_buttons = new QVBoxLayout;
    m_buttons->addWidget(m_sendButton);
    m_buttons->addWidget(m_stopButton);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(choices);
    layout->addWidget(m_editor, 1);
    layout->addLayout(m_buttons);
    setPresets({}, QString());
}

void PromptBar::addBesideButtons(QWidget *widget)
{
    m_buttons->addWidget(widget);
}

QString PromptBar::prompt() const
{
    return m_editor->toPlainText().trimmed();
}

void PromptBar::clearPrompt()
{
    m_editor->clear();
}

void PromptBar::setPrompt(const QString &text)
{
    m_editor->setPlainText(text);
}

void PromptBar::setPresets(const QStringList &names, const QString &current)
{
    const QSignalBlocker blocker(m_presetBox);
    m_presetBox->clear();
    m_presetBox->addItem(tr("Picked models"), QString());
    for (const QString &name : names)
        m_presetBox->addItem(name, name);
    const int index = m_presetBox->findData(current);
    m_presetBox->setCurrentIndex(index >= 0 ? index : 0);
}

QString PromptBar::presetName() const
{
    return m_presetBox->currentData().toString();
}

void PromptBar::selectPreset(const QString &name)
{
    const int index = m_presetBox->findData(name);
    if (index >= 0)
        m_presetBox->setCurrentIndex(index);
}

QString PromptBar::strategy() const
{
    return m_strategyBox->currentData().toString();
}

void PromptBar::setStrategy(const QString &name)
{
    const int index = m_strategyBox->findData(name);
    if (index >= 0)
        m_strategyBox->setCurrentIndex(index);
}

void PromptBar::showPresetPopup()
{
    m_presetBox->setFocus(Qt::ShortcutFocusReason);
    m_presetBox->showPopup();
}

} // namespace Consilium::App
