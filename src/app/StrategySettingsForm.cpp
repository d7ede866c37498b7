#include "StrategySettingsForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QSpinBox>

namespace Consilium::App {

namespace {

QSpinBox *makeSpinBox(const QString &objectName, const QString &accessibleName, int minimum, int maximum,
                      const QString &suffix = {}, const QString &zeroText = {})
{
    auto *box = new QSpinBox;
    box->setObjectName(objectName);
    box->setAccessibleName(accessibleName);
    box->setRange(minimum, maximum);
    box->setSuffix(suffix);
    if (!zeroText.isEmpty())
        box->setSpecialValueText(zeroText);
    return box;
}

QComboBox *makeModelBox(const QString &objectName, const QString &accessibleName)
{
    auto *box = new QComboBox;
    box->setObjectName(objectName);
    box->setAccessibleName(accessibleName);
    box->setEditable(true);
    return box;
}

Member memberFrom(const QComboBox *box, const Member &base)
{
    Member member = base;
    member.model = box->currentText().trimmed();
    return member;
}

} // namespace

StrategySettingsForm::StrategySettingsForm(QWidget *parent)
    : QWidget(parent)
    , m_analyst(makeModelBox(QStringLiteral("presetAnalyst"), tr("Analyst model")))
    , m_judge(makeModelBox(QStringLiteral("presetJudge"), tr("Judge model")))
    , m_anonymize(new QCheckBox(tr("Show the analyst anonymous, shuffled answers")))
    , m_layers(makeSpinBox(QStringLiteral("presetLayers"), tr("Mixture of agents layers"), 1, 4))
    , m_rounds(makeSpinBox(QStringLiteral("presetRounds"), tr("Debate rounds"), 1, 3))
    , m_quorum(makeSpinBox(QStringLiteral("presetQuorum"), tr("Quorum of answers"), 0, 16, {}, tr("all")))
    , m_minAnswers(makeSpinBox(QStringLiteral("presetMinAnswers"), tr("Minimum answers"), 1, 16))
    , m_deadline(makeSpinBox(QStringLiteral("presetDeadline"), tr("Panel deadline in seconds"), 0, 3600,
                             tr(" s"), tr("none")))
    , m_keepStragglers(new QCheckBox(tr("Keep late members streaming for display")))
    , m_connectTimeout(makeSpinBox(QStringLiteral("presetConnectTimeout"), tr("Connect timeout in seconds"), 0,
                                   3600, tr(" s"), tr("off")))
    , m_firstTokenTimeout(makeSpinBox(QStringLiteral("presetFirstTokenTimeout"),
                                      tr("First token timeout in seconds"), 0, 3600, tr(" s"), tr("off")))
    , m_idleTimeout(makeSpinBox(QStringLiteral("presetIdleTimeout"), tr("Idle timeout in seconds"), 0, 3600,
                                tr(" s"), tr("off")))
{
    m_anonymize->setObjectName(QStringLiteral("presetAnonymize"));
    m_anonymize->setAccessibleName(m_anonymize->text());
    m_keepStragglers->setObjectName(QStringLiteral("presetKeepStragglers"));
    m_keepStragglers->setAccessibleName(m_keepStragglers->text());

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("&Analyst:"), m_analyst);
    form->addRow(QString(), m_anonymize);
    form->addRow(tr("&Judge:"), m_judge);
    form->addRow(tr("&Layers:"), m_layers);
    form->addRow(tr("&Rounds:"), m_rounds);
    form->addRow(tr("&Quorum:"), m_quorum);
    form->addRow(tr("Mi&nimum answers:"), m_minAnswers);
    form->addRow(tr("&Deadline:"), m_deadline);
    form->addRow(QString(), m_keepStragglers);
    form->addRow(tr("&Connect timeout:"), m_connectTimeout);
    form->addRow(tr("&First token timeout:"), m_firstTokenTimeout);
    form->addRow(tr("&Idle timeout:"), m_idleTimeout);
    load(FusionSettings(), CallTimeouts());
}

void StrategySettingsForm::setModelIds(const QStringList &ids)
{
    for (QComboBox *box : {m_analyst, m_judge}) {
        const QString current = box->currentText();
        box->clear();
        box->addItem(QString());
        box->addItems(ids);
        box->setEditText(current);
    }
}

void StrategySettingsForm::load(const FusionSettings &settings, const CallTimeouts &timeouts)
{
    m_analyst->setEditText(settings.analyst.model);
    m_judge->setEditText(settings.judge.model);
    m_anonymize->setChecked(settings.anonymize);
    m_layers->setValue(settings.layers);
    m_rounds->setValue(settings.rounds);
    m_quorum->setValue(settings.quorum);
    m_minAnswers->setValue(settings.minAnswers);
    m_deadline->setValue(settings.deadlineMs / 1000);
    m_keepStragglers->setChecked(settings.stragglers == StragglerPolicy::Keep);
    m_connectTimeout->setValue(timeouts.connectMs / 1000);
    m_firstTokenTimeout->setValue(timeouts.firstTokenMs / 1000);
    m_idleTimeout->setValue(timeouts.idleMs / 1000);
}

FusionSettings StrategySettingsForm::settings(const FusionSettings &base) const
{
    FusionSettings settings = base;
    settings.analyst = memberFrom(m_analyst, base.analyst);
    // The analyst compares answers; temperature 0 keeps its JSON stable.
    if (!settings.analyst.model.isEmpty() && !settings.analyst.temperature)
        settings.analyst.temperature = 0.0;
    settings.judge = memberFrom(m_judge, base.judge);
    settings.anonymize = m_anonymize->isChecked();
    settings.layers = m_layers->value();
    settings.rounds = m_rounds->value();
    settings.quorum = m_quorum->value();
    settings.minAnswers = m_minAnswers->value();
    settings.deadlineMs = m_deadline->value() * 1000;
    settings.stragglers = m_keepStragglers->isChecked() ? StragglerPolicy::Keep : StragglerPolicy::Cancel;
    return settings;
}

CallTimeouts StrategySettingsForm::timeouts() const
{
    return CallTimeouts{m_connectTimeout->value() * 1000, m_firstTokenTimeout->value() * 1000,
                        m_idleTimeout->value() * 1000};
}

} // namespace Consilium::App
