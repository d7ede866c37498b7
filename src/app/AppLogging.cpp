#include "AppLogging.h"

Q_LOGGING_CATEGORY(lcApp, "consilium.app", QtInfoMsg)
