#!/usr/bin/env bash
# Renders the application icon from callback-console.svg into every size the operating systems and the window need.
# The results are committed; run this again after changing the SVG.
#   Debian tools: apt-get install librsvg2-bin icoutils icnsutils   (rsvg-convert, icotool, png2icns)
set -euo pipefail
cd "$(dirname "$0")"
svg=callback-console.svg
window_icons=../../src/main/resources/io/callbackconsole/ui/icon

mkdir -p png "$window_icons"
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert --width "$size" --height "$size" "$svg" --output "png/callback-console-$size.png"
done

# Linux: the .desktop entry and the .deb/.rpm menu icon use one PNG.
cp png/callback-console-256.png callback-console.png

# Windows: one .ico with the sizes Explorer and the taskbar ask for; 256 px is stored as PNG (--raw), as Windows expects.
icotool --create --output callback-console.ico \
  png/callback-console-{16,24,32,48,64,128}.png --raw=png/callback-console-256.png

# macOS: an .icns with the sizes Finder and the Dock ask for.
png2icns callback-console.icns png/callback-console-{16,32,48,128,256,512,1024}.png >/dev/null

# The window (stage.getIcons()): JavaFX picks the size closest to what the window manager wants.
for size in 16 32 48 64 128 256; do
  cp "png/callback-console-$size.png" "$window_icons/callback-console-$size.png"
done
