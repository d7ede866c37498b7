#pragma once

#include <QJsonObject>
#include <QScrollArea>

class QCheckBox;
class QLabel;
class QPushButton;
class QVBoxLayout;

namespace Consilium::App {

// The analyst's findings for one turn (see AnalysisSchema): consensus,
// contradictions with each model's stance side by side, partial coverage,
// unique insights and blind spots. Every point has a check box, so the
// user can drop points and have the writer rewrite the answer from the
// ticked ones. Model names are links that bring that model's pane forward.
class AnalysisView : public QScrollArea
{
    Q_OBJECT

public:
    explicit AnalysisView(QWidget *parent = nullptr);

    void setAnalysis(const QJsonObject &analysis);
    QJsonObject analysis() const { return m_analysis; }
    // Returns the analysis with only the ticked points, in the same schema.
    QJsonObject selectedAnalysis() const;
    int pointCount() const { return int(m_points.size()); }
    int tickedCount() const;
    QList<QCheckBox *> pointBoxes() const;
    QPushButton *rewriteButton() const { return m_rewriteButton; }
    // Enables the rewrite button; off while a turn runs.
    void setRewriteEnabled(bool enabled);

Q_SIGNALS:
    void modelActivated(const QString &model);
    void rewriteRequested(const QJsonObject &selected);

private:
    struct Point
    {
        QString section; // the analysis key, e.g. "consensus"
        int index = 0;   // position in that array
        QCheckBox *box = nullptr;
    };

    void addSectionTitle(const QString &title, int count);
    QCheckBox *addPoint(const QString &section, int index, const QString &summary, QWidget *content);
    void addStringPoints(const QString &section, const QString &title);
    void addContradictions();
    void addPartialCoverage();
    void addUniqueInsights();
    QLabel *makeLabel(const QString &html);
    QString modelLink(const QString &model) const;
    void updateRewriteButton();

    QJsonObject m_analysis;
    QList<Point> m_points;
    QWidget *m_content = nullptr;
    QVBoxLayout *m_layout = nullptr;
    QPushButton *m_rewriteButton;
    QLabel *m_tickSummary;
    bool m_rewriteEnabled = true;
};

} // namespace Consilium::App
