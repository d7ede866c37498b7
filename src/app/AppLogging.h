#pragma once

#include <QLoggingCategory>

// The window's own category. Enable its debug output with
// QT_LOGGING_RULES="consilium.app.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcApp)
