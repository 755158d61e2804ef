"""Showing a lab's text: Markdown without HTML, and links that never open by themselves.

A lab is a file someone else wrote. Qt's Markdown reader would otherwise interpret inline
HTML (images from anywhere, fake buttons), and a QTextBrowser follows links on a click. So
the text is read with ``MarkdownNoHTML`` (HTML shows as the text it is), links are not
followed, and only an http(s) link is opened, in the browser, after the user has seen the
whole address and said yes.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QMessageBox, QTextBrowser

MARKDOWN = QTextDocument.MarkdownFeature.MarkdownNoHTML


def is_web_link(url: QUrl) -> bool:
    """Only http(s) links may leave the app; ``file:``, ``javascript:``, relative: never."""
    return url.scheme().lower() in ("http", "https") and bool(url.host())


class LabText(QTextBrowser):
    """A read-only view of lab Markdown; HTML in it shows as text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self.ask_to_open)
        self.last_link: QUrl | None = None  # the link asked about last (tests)

    def show_markdown(self, text: str) -> None:
        self.document().setMarkdown(text, MARKDOWN)

    def ask_to_open(self, url: QUrl) -> bool:
        """Open a web link in the browser once the user has read its address; anything
        else is refused with the address shown."""
        self.last_link = url
        address = url.toString()
        if not is_web_link(url):
            box = QMessageBox(
                QMessageBox.Icon.Information,
                self.tr("Link not opened"),
                self.tr("Labs can only link to web pages (http or https): {address}").format(
                    address=address
                ),
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.open()
            return False
        answer = QMessageBox.question(
            self,
            self.tr("Open web page?"),
            self.tr("Open this address in your web browser?\n\n{address}").format(address=address),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return QDesktopServices.openUrl(url)
