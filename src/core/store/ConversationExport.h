#pragma once

#include "store/StoreTypes.h"

#include <QString>

namespace Consilium {

// Human-readable exports of a conversation, built piece by piece so that
// ExportJob can report progress per turn. All text from the conversation
// is escaped for the target format; the HTML page is self-contained
// (inline CSS, no scripts, no external resources).
namespace ConversationExport {

QString markdownHeader(const ConversationSummary &summary);
// `number` is the 1-based turn number shown in headings.
QString markdownTurn(const StoredTurn &turn, int number);

QString htmlHeader(const ConversationSummary &summary);
QString htmlTurn(const StoredTurn &turn, int number);
QString htmlFooter();

} // namespace ConversationExport

} // namespace Consilium
