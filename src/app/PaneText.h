#pragma once

#include "fusion/Turn.h"

#include <QString>

namespace Consilium::App {

// What a pane shows in its badge. Idle is the answer pane before any turn.
enum class PaneState { Idle, Waiting, Streaming, Done, Failed, Cancelled };

// The texts the panes and the status bar show, kept apart from the widgets
// so that the wording sits in one place.
namespace PaneText {

QString stateName(PaneState state);
PaneState stateForStatus(CallStatus status);

// Formats a duration such as "850 ms" or "1.25 s", or "–" for a negative value.
QString durationText(qint64 milliseconds);
// Formats a cost as "$0.0002", with " (computed)" or " (estimated)" when the
// provider did not report it, or "unknown".
QString costText(const CallCost &cost);
// Formats the stats line of a finished call: tokens, timings and cost.
QString statsText(const CallRecord &record);
// Formats the streaming speed, output tokens over the time from the first
// token to the end, e.g. "312 tok/s"; "– tok/s" when unknown.
QString tokensPerSecondText(const CallRecord &record);
// Formats the status bar summary of a turn's costs, counting calls still
// running apart from those whose cost stayed unknown.
QString turnCostText(const Turn &turn);

} // namespace PaneText

} // namespace Consilium::App
