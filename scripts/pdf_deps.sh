#!/usr/bin/env bash
# Installs what WeasyPrint needs for the result PDF from Debian, if missing: Pango (with its
# FreeType backend) and the DejaVu fonts the PDF is set in. Sourced by run.sh and test.sh.
pdf_packages=()
for lib in libpango-1.0.so.0 libpangoft2-1.0.so.0; do
    ldconfig -p | grep -q "$lib" || { pdf_packages+=(libpango-1.0-0 libpangoft2-1.0-0); break; }
done
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || pdf_packages+=(fonts-dejavu-core)
if [ ${#pdf_packages[@]} -gt 0 ]; then
    echo "==> installing Debian's ${pdf_packages[*]} for the result PDF"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pdf_packages[@]}" >/dev/null
fi
