#pragma once
// HAR 1.2 import and export: being written.
