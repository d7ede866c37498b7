#include "AnalysisView.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Consilium::App {

namespace {

const QString kModelScheme = QStringLiteral("model:");
constexpr int kAccessibleNameLength = 80;

QString shortened(const QString &text)
{
    return text.size() <= kAccessibleNameLength ? text : text.left(kAccessibleNameLength - 1) + u'…';
}

} // namespace

AnalysisView::AnalysisView(QWidget *parent)
    : QScrollArea(parent)
    , m_rewriteButton(new QPushButton(tr("&Rewrite from ticked points")))
    , m_tickSummary(new QLabel)
{
    setObjectName(QStringLiteral("analysisView"));
    setAccessibleName(tr("Analysis of the panel's answers"));
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    m_rewriteButton->setObjectName(QStringLiteral("rewriteButton"));
    m_rewriteButton->setToolTip(tr("Run the writer again on the panel's answers, using only the ticked points"));
    m_tickSummary->setObjectName(QStringLiteral("tickSummary"));
    m_tickSummary->setAccessibleName(tr("Ticked points"));
    connect(m_rewriteButton, &QPushButton::clicked, this, [this] { Q_EMIT rewriteRequested(selectedAnalysis()); });
    setAnalysis(QJsonObject());
}

void AnalysisView::setAnalysis(const QJsonObject &analysis)
{
    m_analysis = analysis;
    m_points.clear();
    // The button and summary outlive the content they sit in.
    for (QWidget *widget : {static_cast<QWidget *>(m_rewriteButton), static_cast<QWidget *>(m_tickSummary)}) {
        widget->setParent(this);
        widget->hide();
    }
    delete takeWidget();
    m_content = new QWidget;
    m_layout = new QVBoxLayout(m_content);

    if (analysis.isEmpty()) {
        QLabel *empty = makeLabel(tr("This turn has no analysis. The fusion strategy with an analyst "
                                     "produces one."));
        empty->setForegroundRole(QPalette::PlaceholderText);
    } else {
        addStringPoints(QStringLiteral("consensus"), tr("Consensus"));
        addContradictions();
        addPartialCoverage();
        addUniqueInsights();
        addStringPoints(QStringLiteral("blind_spots"), tr("Blind spots"));
        auto *actions = new QHBoxLayout;
        actions->addWidget(m_tickSummary, 1);
        actions->addWidget(m_rewriteButton);
        m_layout->addLayout(actions);
    }
    m_layout->addStretch(1);
    setWidget(m_content);
    m_rewriteButton->setVisible(!analysis.isEmpty());
    m_tickSummary->setVisible(!analysis.isEmpty());
    updateRewriteButton();
}

QLabel *AnalysisView::makeLabel(const QString &html)
{
    auto *label = new QLabel(html);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(label, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link.startsWith(kModelScheme))
            Q_EMIT modelActivated(link.mid(kModelScheme.size()));
    });
    m_layout->addWidget(label);
    return label;
}

QString AnalysisView::modelLink(const QString &model) const
{
    return QStringLiteral("<a href=\"%1%2\">%3</a>")
        .arg(kModelScheme, model.toHtmlEscaped(), model.toHtmlEscaped());
}

void AnalysisView::addSectionTitle(const QString &title, int count)
{
    makeLabel(QStringLiteral("<b>%1</b> (%2)").arg(title.toHtmlEscaped()).arg(count));
}

QCheckBox *AnalysisView::addPoint(const QString &section, int index, const QString &summary, QWidget *content)
{
    auto *box = new QCheckBox;
    box->setChecked(true);
    box->setAccessibleName(tr("Keep: %1").arg(shortened(summary)));
    box->setToolTip(tr("Untick to leave this point out of the rewrite"));
    connect(box, &QCheckBox::toggled, this, &AnalysisView::updateRewriteButton);

    // The label was added to m_layout by makeLabel(); it moves into the row.
    m_layout->removeWidget(content);
    auto *row = new QHBoxLayout;
    row->addWidget(box, 0, Qt::AlignTop);
    row->addWidget(content, 1);
    m_layout->addLayout(row);
    m_points.append(Point{section, index, box});
    return box;
}

void AnalysisView::addStringPoints(const QString &section, const QString &title)
{
    const QJsonArray items = m_analysis.value(section).toArray();
    addSectionTitle(title, int(items.size()));
    for (int i = 0; i < items.size(); ++i) {
        const QString text = items.at(i).toString();
        addPoint(section, i, text, makeLabel(text.toHtmlEscaped()));
    }
}

void AnalysisView::addContradictions()
{
    const QJsonArray items = m_analysis.value(QStringLiteral("contradictions")).toArray();
    addSectionTitle(tr("Contradictions"), int(items.size()));
    for (int i = 0; i < items.size(); ++i) {
        const QJsonObject item = items.at(i).toObject();
        const QString topic = item.value(QStringLiteral("topic")).toString();
        addPoint(QStringLiteral("contradictions"), i, topic,
                 makeLabel(QStringLiteral("<b>%1</b>").arg(topic.toHtmlEscaped())));

        // One column per model, so the stances read side by side.
        auto *stances = new QHBoxLayout;
        stances->setContentsMargins(24, 0, 0, 6);
        for (const QJsonValue &value : item.value(QStringLiteral("stances")).toArray()) {
            const QJsonObject stance = value.toObject();
            QLabel *cell = makeLabel(QStringLiteral("%1<br>%2").arg(
                modelLink(stance.value(QStringLiteral("model")).toString()),
                stance.value(QStringLiteral("stance")).toString().toHtmlEscaped()));
            m_layout->removeWidget(cell);
            cell->setFrameShape(QFrame::StyledPanel);
            cell->setMargin(4);
            cell->setAlignment(Qt::AlignTop | Qt::AlignLeft);
            stances->addWidget(cell, 1);
        }
        m_layout->addLayout(stances);
    }
}

void AnalysisView::addPartialCoverage()
{
    const QJsonArray items = m_analysis.value(QStringLiteral("partial_coverage")).toArray();
    addSectionTitle(tr("Partial coverage"), int(items.size()));
    for (int i = 0; i < items.size(); ++i) {
        const QJsonObject item = items.at(i).toObject();
        QStringList links;
        for (const QJsonValue &model : item.value(QStringLiteral("models")).toArray())
            links.append(modelLink(model.toString()));
        const QString point = item.value(QStringLiteral("point")).toString();
        addPoint(QStringLiteral("partial_coverage"), i, point,
                 makeLabel(tr("%1 <i>(covered by %2)</i>").arg(point.toHtmlEscaped(), links.join(QStringLiteral(", ")))));
    }
}

void AnalysisView::addUniqueInsights()
{
    const QJsonArray items = m_analysis.value(QStringLiteral("unique_insights")).toArray();
    addSectionTitle(tr("Unique insights"), int(items.size()));
    for (int i = 0; i < items.size(); ++i) {
        const QJsonObject item = items.at(i).toObject();
        const QString insight = item.value(QStringLiteral("insight")).toString();
        addPoint(QStringLiteral("unique_insights"), i, insight,
                 makeLabel(QStringLiteral("%1: %2").arg(modelLink(item.value(QStringLiteral("model")).toString()),
                                                        insight.toHtmlEscaped())));
    }
}

QJsonObject AnalysisView::selectedAnalysis() const
{
    QJsonObject selected;
    for (const QString &section : {QStringLiteral("consensus"), QStringLiteral("contradictions"),
                                   QStringLiteral("partial_coverage"), QStringLiteral("unique_insights"),
                                   QStringLiteral("blind_spots")}) {
        const QJsonArray all = m_analysis.value(section).toArray();
        QJsonArray kept;
        for (const Point &point : m_points) {
            if (point.section == section && point.box->isChecked())
                kept.append(all.at(point.index));
        }
        selected.insert(section, kept);
    }
    return selected;
}

int AnalysisView::tickedCount() const
{
    return int(std::count_if(m_points.cbegin(), m_points.cend(), [](const Point &p) { return p.box->isChecked(); }));
}

QList<QCheckBox *> AnalysisView::pointBoxes() const
{
    QList<QCheckBox *> boxes;
    for (const Point &point : m_points)
        boxes.append(point.box);
    return boxes;
}

void AnalysisView::setRewriteEnabled(bool enabled)
{
    m_rewriteEnabled = enabled;
    updateRewriteButton();
}

void AnalysisView::updateRewriteButton()
{
    const int ticked = tickedCount();
    m_tickSummary->setText(tr("%1 of %2 points ticked").arg(ticked).arg(m_points.size()));
    m_rewriteButton->setEnabled(m_rewriteEnabled && ticked > 0);
}

} // namespace Consilium::App
