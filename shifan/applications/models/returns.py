from django.db import models

from shifan.applications.models.application import Application, StatusChange


class SectionReturn(models.Model):
    """A return's reason for one section of the application, shown beside that section."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="section_returns")
    status_change = models.ForeignKey(StatusChange, on_delete=models.CASCADE, related_name="section_returns")
    section = models.CharField("部分", max_length=30)
    text = models.TextField("退回理由")

    class Meta:
        verbose_name = "分部分退回理由"
        verbose_name_plural = "分部分退回理由"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.section}: {self.text[:20]}"
