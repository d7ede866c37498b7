// Per-delta cost of a streaming pane: eight panes each receive 300 tokens
// a second, delivered as one frame's worth of deltas (5 at 60 Hz) followed
// by the frame's render, which is what ModelPane's frame timer does. The
// answer is Markdown with paragraphs and code blocks, and grows to 6,000
// tokens in the default 20 s (BENCH_SECONDS changes it), so a cost that
// grew with the text would show.
//
//   QT_QPA_PLATFORM=offscreen bench_ModelPane

#include "ModelPane.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTest>

using namespace Consilium::App;

namespace {

constexpr int kPanes = 8;
constexpr int kTokensPerSecond = 300;
constexpr int kFramesPerSecond = 60;
constexpr int kDeltasPerFrame = kTokensPerSecond / kFramesPerSecond;
const int kSeconds = qEnvironmentVariableIntValue("BENCH_SECONDS") > 0 ? qEnvironmentVariableIntValue("BENCH_SECONDS") : 20;

// One "token" of a plausible answer: paragraphs of 60 words, and after
// every third paragraph a code block of eight lines.
QString token(int index)
{
    constexpr int kParagraphTokens = 61;
    constexpr int kCodeTokens = 10;
    constexpr int kCycle = 3 * kParagraphTokens + kCodeTokens;
    const int position = index % kCycle;
    if (position < 3 * kParagraphTokens) {
        const int inParagraph = position % kParagraphTokens;
        return inParagraph == kParagraphTokens - 1 ? QStringLiteral("end.\n\n") : QStringLiteral("word ");
    }
    const int inCode = position - 3 * kParagraphTokens;
    if (inCode == 0)
        return QStringLiteral("```cpp\n");
    if (inCode == kCodeTokens - 1)
        return QStringLiteral("```\n\n");
    return QStringLiteral("std::sort(ages.begin(), ages.end());\n");
}

} // namespace

class ModelPaneBench : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void deltaCost();
};

void ModelPaneBench::deltaCost()
{
    QWidget window;
    window.resize(1600, 900);
    QList<ModelPane *> panes;
    for (int i = 0; i < kPanes; ++i) {
        auto *pane = new ModelPane(QStringLiteral("bench/model-%1").arg(i), &window);
        pane->setGeometry(i * 200, 0, 200, 900);
        panes.append(pane);
    }
    window.show();

    const int frames = kSeconds * kFramesPerSecond;
    qint64 nanoseconds = 0;
    QBENCHMARK_ONCE {
        QElapsedTimer timer;
        timer.start();
        int tokenIndex = 0;
        for (int frame = 0; frame < frames; ++frame) {
            for (ModelPane *pane : std::as_const(panes)) {
                for (int d = 0; d < kDeltasPerFrame; ++d)
                    pane->appendText(token(tokenIndex + d));
                pane->flush();
            }
            tokenIndex += kDeltasPerFrame;
            // Layout and painting run as they would between frames.
            QCoreApplication::processEvents();
        }
        nanoseconds = timer.nsecsElapsed();
    }
    const double deltas = double(frames) * kPanes * kDeltasPerFrame;
    const double perDeltaUs = double(nanoseconds) / deltas / 1000.0;
    const double frameMs = double(nanoseconds) / frames / 1e6;
    qInfo("%d panes x %d tokens/s for %d s: %.1f us per delta, %.2f ms per 60 Hz frame (budget 16.7 ms)",
          kPanes, kTokensPerSecond, kSeconds, perDeltaUs, frameMs);
}

QTEST_MAIN(ModelPaneBench)
#include "bench_ModelPane.moc"
